package dev.migrations.boot;

import dev.migrations.fleet.Fleet;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Re-reads every tenant every {@code migrations.tenants.refresh-interval} with a status pass (one
 * read a tenant, no lock, nothing written), so that the endpoint, health and meters follow what a
 * Job or another instance did since this one started. Runs on one daemon thread between the
 * context's start and close.
 */
public class MigrationsFleetRefresher implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationsFleetRefresher.class);

    private final Fleet fleet;
    private final String target;
    private final MigrationsFleetState state;
    private final Duration interval;
    private @Nullable ScheduledThreadPoolExecutor executor;
    private @Nullable String lastError;

    /**
     * Creates the refresher.
     *
     * @param fleet the tenants
     * @param target the target the pass compares each tenant with
     * @param state where the pass's counts go
     * @param interval between the end of a pass and the start of the next
     */
    public MigrationsFleetRefresher(Fleet fleet, String target, MigrationsFleetState state, Duration interval) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.target = Objects.requireNonNull(target, "target");
        this.state = Objects.requireNonNull(state, "state");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "migrations-tenants-refresher");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        // refresh never throws, so the schedule's future never completes exceptionally.
        var unused = started.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void refresh() {
        try {
            state.statusRead(fleet.status(target));
            if (lastError != null) {
                LOG.info("Reading the tenants of {} works again", state.name());
                lastError = null;
            }
        } catch (RuntimeException e) {
            // Logged when it changes, not every interval.
            if (!String.valueOf(e.getMessage()).equals(lastError)) {
                LOG.warn("Could not read the tenants of {}: {}", state.name(), e.getMessage());
                lastError = String.valueOf(e.getMessage());
            }
        }
    }
}
