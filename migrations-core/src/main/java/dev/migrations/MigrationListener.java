package dev.migrations;

import java.time.Duration;

/**
 * Hears what online runs do, for metrics and monitoring (the Spring Boot starter turns these into
 * Micrometer meters). Every method has a no-op default; listeners are called on the migrating
 * thread and must not throw.
 *
 * <pre>{@code
 * Migrations.configure().dataSource(ds).listener(new MigrationListener() {
 *     public void runFinished(MigrationResult result) { log.info("applied {}", result.scriptsRun()); }
 * }).load();
 * }</pre>
 */
public interface MigrationListener {
    /** The run has the migration lock, after waiting {@code waited} for another migrator. */
    default void lockAcquired(String versionTable, Duration waited) {}

    /** A step committed (or, outside a transaction, ran). */
    default void stepApplied(AppliedStep step) {}

    /** A run finished. */
    default void runFinished(MigrationResult result) {}

    /**
     * A run failed.
     *
     * @param kind upgrade, downgrade or stamp
     * @param target the target as given
     * @param error what went wrong
     * @param duration how long the run took until it failed
     */
    default void runFailed(RunKind kind, String target, MigrationsException error, Duration duration) {}
}
