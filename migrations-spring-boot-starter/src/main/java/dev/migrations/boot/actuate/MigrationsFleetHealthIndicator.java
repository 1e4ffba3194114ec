package dev.migrations.boot.actuate;

import dev.migrations.boot.MigrationsFleetState;
import dev.migrations.fleet.TenantOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of a fleet of tenants, from its last run (it never queries the databases): UP when every
 * tenant reached the target; the configured down status when a tenant failed or was left pending;
 * UNKNOWN before the first run. The details count the tenants per state and name the failed ones.
 */
public class MigrationsFleetHealthIndicator implements HealthIndicator {
    /** At most this many failed tenants are listed in the details; the count says how many there are. */
    static final int LISTED_FAILURES = 20;

    private final MigrationsFleetState fleet;
    private final Status downStatus;

    /**
     * Creates the indicator.
     *
     * @param fleet the fleet's state
     * @param downStatus the status to report when a tenant failed or is pending
     */
    public MigrationsFleetHealthIndicator(MigrationsFleetState fleet, Status downStatus) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.downStatus = Objects.requireNonNull(downStatus, "downStatus");
    }

    @Override
    public Health health() {
        MigrationsFleetState.Snapshot snapshot = fleet.snapshot();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dataSource", fleet.name());
        if (snapshot.startedAt() == null) {
            return Health.unknown()
                    .withDetails(details)
                    .withDetail("reason", "the tenants have not been migrated yet")
                    .build();
        }
        details.put("tenants", snapshot.total());
        Map<String, Integer> states = new LinkedHashMap<>();
        for (TenantOutcome.State state : TenantOutcome.State.values()) {
            states.put(MigrationsFleetMetrics.tag(state), snapshot.count(state));
        }
        details.put("states", states);
        details.put("startedAt", snapshot.startedAt());
        if (snapshot.finishedAt() != null) {
            details.put("finishedAt", snapshot.finishedAt());
        }
        List<TenantOutcome> failed = snapshot.failed();
        if (!failed.isEmpty()) {
            Map<String, String> errors = new LinkedHashMap<>();
            failed.stream().limit(LISTED_FAILURES).forEach(t -> errors.put(t.tenant(), String.valueOf(t.error())));
            details.put("failed", errors);
        }
        boolean down = !failed.isEmpty() || snapshot.count(TenantOutcome.State.PENDING) > 0;
        return Health.status(down ? downStatus : Status.UP).withDetails(details).build();
    }
}
