package dev.migrations.internal.runtime;

import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.script.RevisionScript;
import dev.migrations.internal.script.Statement;
import java.util.Set;

/**
 * Where a run's statements go: a database connection, or a writer producing an offline SQL script.
 * The step loop ({@link StepRunner}) is the same for both.
 */
public interface MigrationSink {
    /** Whether statements are only written, not executed (offline mode). */
    boolean offline();

    /** The database the statements are for. */
    Dialect dialect();

    /** Whether DDL can be rolled back, so runs are wrapped in transactions. */
    default boolean transactionalDdl() {
        return dialect().transactionalDdl();
    }

    /** Starts a transaction. */
    void begin();

    /** Commits the current transaction. */
    void commit();

    /** Creates the version table (offline: emitted whenever a step starts with no rows). */
    void createVersionTable();

    /** A step is about to run. */
    void stepStarted(Step step);

    /**
     * Runs one statement of a revision script; a sink may instead hold it back and send it with the
     * step's bookkeeping in {@link #stepApplied}, where its failure is then reported.
     */
    void execute(RevisionScript script, Statement statement);

    /** Adds a version row. */
    void insertVersion(String version);

    /** Removes a version row. */
    void deleteVersion(String version);

    /** Changes a version row. */
    void updateVersion(String from, String to);

    /**
     * A step is about to run, inside its transaction when it has one: the sink may check that the
     * version table still holds {@code expectedRows} (another migrator may have moved it).
     */
    default void beforeStep(Step step, Set<String> expectedRows) {}

    /** A step has run, with its version-table bookkeeping, before its transaction commits. */
    default void stepApplied(Step step, RevisionScript script, long nanos) {}

    /** The live connection Java migrations may use, or null when there is none (offline). */
    default java.sql.Connection connection() {
        return null;
    }

    /** The dialect's short name ({@code postgresql}, {@code h2}), for Java migrations. */
    default String dialectName() {
        return dialect().name();
    }
}
