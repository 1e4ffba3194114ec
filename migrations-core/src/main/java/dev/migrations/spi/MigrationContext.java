package dev.migrations.spi;

import java.sql.Connection;

/**
 * What a {@link JavaMigration} runs with. Online, SQL runs on the migration's connection inside the
 * step's transaction; offline ({@code upgrade --sql}), {@link #execute} writes the statement to the
 * script under the step's {@code -- Running upgrade a -> b} line and {@link #connection()} fails.
 */
public interface MigrationContext {
    /**
     * Runs one SQL statement (online) or writes it to the offline script, followed by {@code ;}.
     *
     * @param sql one statement, without a terminating {@code ;}
     */
    void execute(String sql);

    /**
     * The live JDBC connection, inside the step's transaction (auto-commit off unless the
     * migration is not transactional). Do not commit, roll back, change auto-commit or close it:
     * the engine does, and such calls fail. Offline there is no connection, and this method throws
     * an exception naming the revision: use {@link #execute} for SQL that must appear in the script.
     */
    Connection connection();

    /** Whether the run only writes an SQL script ({@code --sql}). */
    boolean isOffline();

    /** The dialect's short name: {@code postgresql} or {@code h2}. */
    String dialect();

    /** This migration's revision id. */
    String revision();

    // A portable operations API (create table, add column, ...) will be reachable from here as
    // operations(); it is built with the schema package and shares its renderer.
}
