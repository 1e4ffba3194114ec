package dev.migrations.spi;

import java.sql.Connection;
import java.util.List;

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

    /**
     * Portable DDL for this migration's dialect, the same renderer autogenerate uses. Its methods
     * return statements; run them with {@link #execute(List)}:
     *
     * <pre>{@code
     * Operations ops = ctx.operations();
     * ctx.execute(ops.addColumn("users", Column.of("verified", "boolean").notNull().withDefault("false")));
     * ctx.execute(ops.createIndex("users", Index.of("users_verified_idx", "verified")));
     * }</pre>
     */
    Operations operations();

    /**
     * Runs statements in order (online), or writes each to the offline script.
     *
     * @param statements statements such as those {@link #operations()} returns
     */
    default void execute(List<String> statements) {
        for (String statement : statements) {
            execute(statement);
        }
    }
}
