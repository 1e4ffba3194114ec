package dev.migrations;

import java.time.Duration;
import java.util.List;

/**
 * What a run did.
 *
 * @param kind upgrade, downgrade or stamp
 * @param target the target as given
 * @param before version-table rows before the run
 * @param after version-table rows after the run
 * @param steps the steps taken, in order
 * @param duration the whole run, lock wait included
 */
public record MigrationResult(
        RunKind kind,
        String target,
        List<String> before,
        List<String> after,
        List<AppliedStep> steps,
        Duration duration) {

    /** Copies the lists. */
    public MigrationResult {
        java.util.Objects.requireNonNull(kind, "kind");
        before = List.copyOf(before);
        after = List.copyOf(after);
        steps = List.copyOf(steps);
    }

    /** Number of revision scripts that ran (stamps not counted). */
    public int scriptsRun() {
        int count = 0;
        for (AppliedStep step : steps) {
            if (step.revision() != null) {
                count++;
            }
        }
        return count;
    }
}
