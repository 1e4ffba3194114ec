package dev.migrations.boot.actuate;

import dev.migrations.boot.MigrationsFleetState;
import dev.migrations.fleet.TenantOutcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The tenants of one DataSource in the {@code migrations} endpoint, from their last fleet run.
 *
 * @param tenants how many tenants the run took
 * @param states how many ended in each state ({@code at_target}, {@code migrated}, {@code pending},
 *     {@code failed}, {@code skipped}); they move while a run goes
 * @param failed the failed tenants with their errors
 * @param startedAt when the last run began, or null before the first
 * @param finishedAt when it ended, or null while it runs
 */
public record TenantsDescriptor(
        int tenants,
        Map<String, Integer> states,
        List<FailedTenant> failed,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt) {

    /**
     * A failed tenant.
     *
     * @param tenant its name
     * @param error what went wrong, as a single run says it
     */
    public record FailedTenant(String tenant, @Nullable String error) {}

    static TenantsDescriptor of(MigrationsFleetState fleet) {
        MigrationsFleetState.Snapshot snapshot = fleet.snapshot();
        Map<String, Integer> states = new LinkedHashMap<>();
        for (TenantOutcome.State state : TenantOutcome.State.values()) {
            states.put(MigrationsFleetMetrics.tag(state), snapshot.count(state));
        }
        return new TenantsDescriptor(
                snapshot.total(),
                states,
                snapshot.failed().stream()
                        .map(t -> new FailedTenant(t.tenant(), t.error()))
                        .toList(),
                snapshot.startedAt(),
                snapshot.finishedAt());
    }
}
