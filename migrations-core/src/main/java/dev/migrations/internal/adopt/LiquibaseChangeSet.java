package dev.migrations.internal.adopt;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A changeset of SQL changes, as read from any changelog format.
 *
 * @param file the changelog it is in, as the user or the including changelog named it
 * @param checksumSql the SQL of each change as Liquibase checksums it
 * @param sql the SQL to run, placeholders replaced, changes joined
 * @param rollback the rollback SQL, or null for none
 * @param notes what the user should know (attributes this engine does not model)
 * @param validChecksums other checksums Liquibase accepts for it, as its validCheckSum entries list them
 *     ({@code ANY} for all)
 */
record LiquibaseChangeSet(
        String file,
        String id,
        String author,
        boolean runInTransaction,
        @Nullable String comment,
        List<String> checksumSql,
        String sql,
        @Nullable String rollback,
        List<String> notes,
        List<String> validChecksums) {}
