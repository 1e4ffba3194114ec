package dev.migrations.fleet;

import java.time.Duration;
import java.util.List;

/**
 * A fleet run's summary.
 *
 * @param tenants each tenant's outcome, in the order of the tenant list
 * @param elapsed the whole run
 */
public record FleetResult(List<TenantOutcome> tenants, Duration elapsed) {

    /** Copies. */
    public FleetResult {
        tenants = List.copyOf(tenants);
    }

    /** How many tenants ended in the state. */
    public int count(TenantOutcome.State state) {
        int count = 0;
        for (TenantOutcome outcome : tenants) {
            if (outcome.state() == state) {
                count++;
            }
        }
        return count;
    }

    /** The tenants that failed, with their errors. */
    public List<TenantOutcome> failed() {
        return tenants.stream()
                .filter(t -> t.state() == TenantOutcome.State.FAILED)
                .toList();
    }

    /** One line: the counts per state and the time taken. */
    public String summary() {
        return tenants.size() + " tenant(s): " + count(TenantOutcome.State.AT_TARGET) + " at target, "
                + count(TenantOutcome.State.MIGRATED) + " migrated, " + count(TenantOutcome.State.PENDING)
                + " pending, "
                + count(TenantOutcome.State.FAILED) + " failed, " + count(TenantOutcome.State.SKIPPED) + " skipped in "
                + elapsed.toMillis() + " ms";
    }
}
