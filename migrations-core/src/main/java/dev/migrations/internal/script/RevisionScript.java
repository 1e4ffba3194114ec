package dev.migrations.internal.script;

import dev.migrations.spi.JavaMigration;
import java.util.List;
import java.util.Objects;

/**
 * A parsed revision script: its header fields and the statements of its sections.
 *
 * @param revision the revision id from the {@code Revision ID} header
 * @param downRevisions the parents from {@code Revises}; empty for a base revision, several for
 *     a merge point
 * @param dependsOn the revisions or branch labels from {@code Depends On}
 * @param branchLabels the labels from {@code Branch Labels}
 * @param message the first header line (the script's one-line description), possibly empty
 * @param createDate the {@code Create Date} header as written, or {@code null} when absent
 * @param transactional whether the revision runs inside a transaction ({@code Transactional},
 *     default {@code true})
 * @param upgrade the statements of the {@code -- migrate:upgrade} section, in order
 * @param downgrade the statements of the {@code -- migrate:downgrade} section, in order
 * @param hasDowngrade whether the script has a downgrade section at all; an empty section
 *     means "downgrade does nothing", a missing one means "cannot be downgraded"
 * @param path the path shown to users: a filesystem path as configured, or {@code
 *     classpath:db/migrations/x.sql}
 * @param checksum lowercase hex SHA-256 of the file's raw bytes (of a Java migration: see {@link
 *     JavaMigration#checksum()})
 * @param javaMigration the migration that runs instead of statements, or {@code null} for a SQL
 *     script; its {@code path} is the class name and its statement lists are empty
 */
public record RevisionScript(
        String revision,
        List<String> downRevisions,
        List<String> dependsOn,
        List<String> branchLabels,
        String message,
        String createDate,
        boolean transactional,
        List<Statement> upgrade,
        List<Statement> downgrade,
        boolean hasDowngrade,
        String path,
        String checksum,
        JavaMigration javaMigration) {

    /** Validates the components and copies the lists. */
    public RevisionScript {
        Objects.requireNonNull(revision, "revision");
        downRevisions = List.copyOf(downRevisions);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = List.copyOf(branchLabels);
        Objects.requireNonNull(message, "message");
        // Sections the loader defers are split on first access (immutable once split); see DeferredStatements.
        upgrade = upgrade instanceof DeferredStatements ? upgrade : List.copyOf(upgrade);
        downgrade = downgrade instanceof DeferredStatements ? downgrade : List.copyOf(downgrade);
        if (!hasDowngrade && !(downgrade instanceof DeferredStatements) && !downgrade.isEmpty()) {
            throw new IllegalArgumentException("a script without a downgrade section has no downgrade statements");
        }
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(checksum, "checksum");
        if (javaMigration != null && !(upgrade.isEmpty() && downgrade.isEmpty())) {
            throw new IllegalArgumentException("a Java migration has no SQL statements");
        }
    }

    /** Whether a Java migration runs instead of SQL statements. */
    public boolean isJava() {
        return javaMigration != null;
    }
}
