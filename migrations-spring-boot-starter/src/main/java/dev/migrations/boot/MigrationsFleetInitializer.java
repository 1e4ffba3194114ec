package dev.migrations.boot;

import dev.migrations.StartOptions;
import dev.migrations.StartRefusedException;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetResult;
import dev.migrations.fleet.TenantOutcome;
import dev.migrations.fleet.TenantPreparation;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Brings every tenant where {@code migrations.mode} says while the context refreshes, like {@link
 * MigrationsInitializer} does for one database, and before the same beans (JdbcTemplate, JPA, jOOQ,
 * {@code @Scheduled} tasks). A failed tenant does not stop the application, which serves the others:
 * the health contributor reports it, unless {@code migrations.tenants.fail-fast} asks for a failed
 * start.
 */
public class MigrationsFleetInitializer implements InitializingBean {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationsFleetInitializer.class);

    private final Fleet fleet;
    private final StartOptions start;
    private final MigrationsFleetState state;
    private final boolean failFast;
    private final TenantPreparation before;

    /**
     * Creates the initializer.
     *
     * @param fleet the tenants, with the state as its listener
     * @param start the start every tenant gets
     * @param state where the run's progress and outcome go
     * @param failFast whether a failed tenant fails the start-up
     */
    public MigrationsFleetInitializer(Fleet fleet, StartOptions start, MigrationsFleetState state, boolean failFast) {
        this(fleet, start, state, failFast, TenantPreparation.NONE);
    }

    /**
     * Creates the initializer, each tenant prepared before its start (the starter adopts, or refuses, a
     * tenant that Flyway or Liquibase migrated).
     *
     * @param before what each tenant gets before its start; a failure fails that tenant
     */
    public MigrationsFleetInitializer(
            Fleet fleet, StartOptions start, MigrationsFleetState state, boolean failFast, TenantPreparation before) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.start = Objects.requireNonNull(start, "start");
        this.state = Objects.requireNonNull(state, "state");
        this.failFast = failFast;
        this.before = Objects.requireNonNull(before, "before");
    }

    @Override
    public void afterPropertiesSet() {
        state.runStarted();
        FleetResult result = fleet.start(start, before);
        state.runFinished(result);
        LOG.info("Tenants of {}: {}", state.name(), result.summary());
        if (result.failed().isEmpty()) {
            return;
        }
        StringBuilder failures = new StringBuilder();
        for (TenantOutcome failed : result.failed()) {
            failures.append("\n  ").append(failed.tenant()).append(": ").append(failed.error());
        }
        if (failFast) {
            throw new StartRefusedException(
                    result.failed().size() + " tenant(s) of " + state.name() + " failed:" + failures,
                    "Fix the failed tenant named above and restart; tenants already at the target are"
                            + " skipped at the cost of one read each.");
        }
        LOG.error(
                "{} tenant(s) of {} failed and stay where they were; the others are migrated and the application"
                        + " starts (GET /actuator/migrations lists them):{}",
                result.failed().size(),
                state.name(),
                failures);
    }
}
