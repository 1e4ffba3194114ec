package dev.migrations.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How one tenant of a fleet run ended.
 *
 * @param tenant the tenant's name
 * @param state how it ended
 * @param current its version-table rows after the run (empty when it failed before reading them)
 * @param pending the revisions still pending for the target ({@code status}, start mode {@code none})
 * @param scriptsRun the revision scripts that ran for it
 * @param error what went wrong, as a single run says it (revision, file:line, SQLState), or null
 * @param elapsed the tenant's run, lock wait included
 */
public record TenantOutcome(
        String tenant,
        State state,
        List<String> current,
        List<String> pending,
        int scriptsRun,
        @Nullable String error,
        Duration elapsed) {

    /** Validates and copies. */
    public TenantOutcome {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(state, "state");
        current = List.copyOf(current);
        pending = List.copyOf(pending);
    }

    /** How a tenant's run ended. */
    public enum State {
        /** It was at the target already (or another runner brought it there). */
        AT_TARGET,
        /** This run upgraded, downgraded or stamped it. */
        MIGRATED,
        /** It is not at the target and was left as it is ({@code status}, start mode {@code none}). */
        PENDING,
        /** It failed; the others went on unless the run stops on failure. */
        FAILED,
        /** It was not run: the run stopped after a failure, or its rows name unknown revisions (tolerated). */
        SKIPPED
    }
}
