package dev.migrations;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A revision failed while running. The database is left at the last revision that committed;
 * the message names the revision, file, statement line, SQLState, the database's message, what this
 * run applied before, and where the database stands.
 */
public final class MigrationFailedException extends MigrationsException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String revision;
    private final String path;
    private final int line;
    private final @Nullable String sqlState;
    private final List<String> appliedInRun;
    private final List<String> databaseAt;

    /**
     * Creates the error.
     *
     * @param message the full message
     * @param revision the failed revision, or null when the version-table bookkeeping failed
     * @param path its script
     * @param line the failed statement's line, or 0
     * @param sqlState the database's SQLState, or null
     * @param appliedInRun revisions this run applied before the failure
     * @param databaseAt the version-table rows after the failure
     * @param cause the database error
     */
    public MigrationFailedException(
            String message,
            @Nullable String revision,
            String path,
            int line,
            @Nullable String sqlState,
            List<String> appliedInRun,
            List<String> databaseAt,
            Throwable cause) {
        super(message, cause);
        this.revision = revision;
        this.path = path;
        this.line = line;
        this.sqlState = sqlState;
        this.appliedInRun = List.copyOf(appliedInRun);
        this.databaseAt = List.copyOf(databaseAt);
    }

    /** The failed revision. */
    public @Nullable String revision() {
        return revision;
    }

    /** The failed revision's script. */
    public String path() {
        return path;
    }

    /** The failed statement's line in the script, or 0. */
    public int line() {
        return line;
    }

    /** The database's SQLState, or null. */
    public @Nullable String sqlState() {
        return sqlState;
    }

    /** Revisions this run applied before the failure. */
    public List<String> appliedInRun() {
        return appliedInRun;
    }

    /** Version-table rows after the failure. */
    public List<String> databaseAt() {
        return databaseAt;
    }
}
