package dev.migrations.boot.actuate;

import dev.migrations.boot.MigrationsFleetState;
import dev.migrations.fleet.TenantOutcome;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of each fleet of tenants, tagged {@code datasource=<bean name>}, read from its
 * {@link MigrationsFleetState}:
 *
 * <ul>
 *   <li>{@code migrations.tenants} ({@code migrations_tenants}): tenants of the last run in each {@code
 *       state} = at_target | migrated | pending | failed | skipped (they move while a run goes);
 *   <li>{@code migrations.tenants.run} ({@code migrations_tenants_run_seconds_count}, {@code _sum}):
 *       fleet runs and their time.
 * </ul>
 */
public class MigrationsFleetMetrics implements MeterBinder {
    private final List<MigrationsFleetState> fleets;

    /**
     * Creates the binder.
     *
     * @param fleets one per fleet
     */
    public MigrationsFleetMetrics(List<MigrationsFleetState> fleets) {
        this.fleets = List.copyOf(Objects.requireNonNull(fleets, "fleets"));
    }

    /** The {@code state} tag of a tenant state. */
    public static String tag(TenantOutcome.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (MigrationsFleetState fleet : fleets) {
            Tags tags = Tags.of("datasource", fleet.name());
            for (TenantOutcome.State state : TenantOutcome.State.values()) {
                Gauge.builder("migrations.tenants", fleet, f -> f.snapshot().count(state))
                        .description("Tenants of the last fleet run in each state")
                        .tags(tags.and("state", tag(state)))
                        .strongReference(true)
                        .register(registry);
            }
            FunctionTimer.builder(
                            "migrations.tenants.run",
                            fleet,
                            MigrationsFleetState::runs,
                            MigrationsFleetState::runSeconds,
                            TimeUnit.SECONDS)
                    .description("Fleet runs over the tenants")
                    .tags(tags)
                    .register(registry);
        }
    }
}
