package dev.migrations;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Migrations#start} found and did.
 *
 * @param outcome how the start ended
 * @param current the version-table rows after the start
 * @param pending the revisions still pending for the target (mode {@code NONE} only; else empty)
 * @param run the upgrade or downgrade that ran, or null when none ran
 * @param elapsed the whole start, waits included
 */
public record StartResult(
        StartResult.Outcome outcome,
        List<String> current,
        List<String> pending,
        @Nullable MigrationResult run,
        Duration elapsed) {

    /** Copies the lists. */
    public StartResult {
        current = List.copyOf(current);
        pending = List.copyOf(pending);
    }

    /** How a start ended. */
    public enum Outcome {
        /** The database is at the target (it was, or another instance brought it there). */
        AT_TARGET,
        /** This start upgraded or downgraded the database to the target. */
        MIGRATED,
        /** Mode {@code NONE}: the database is not at the target and was left as it is. */
        PENDING,
        /** The version table names revisions the scripts lack and that is tolerated: nothing was done. */
        SKIPPED
    }
}
