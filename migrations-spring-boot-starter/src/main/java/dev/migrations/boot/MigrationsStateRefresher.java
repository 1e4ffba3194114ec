package dev.migrations.boot;

import dev.migrations.Migrations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads each engine's database state into its {@link MigrationsRunState} every {@code
 * migrations.metrics.refresh-interval}, on one daemon thread, so that health checks and scrapes never
 * query the database, and so that a database another deployment moved shows up within one interval.
 * It also reads right after each run of an engine.
 *
 * <p>It starts with the application context's lifecycle, after every singleton (so after the
 * start-up migration) and before the web server opens its port: the first read is made there, so the
 * first health check already has an answer. It stops when the context closes.
 */
public class MigrationsStateRefresher implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationsStateRefresher.class);

    /** Before the web server starts ({@code WebServerStartStopLifecycle} is DEFAULT_PHASE - 2048). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final Supplier<List<Migrations>> engines;
    private final Duration interval;
    private final Object monitor = new Object();
    private final Map<MigrationsRunState, Migrations> watched = new LinkedHashMap<>();
    private final Map<MigrationsRunState, String> lastErrors = new LinkedHashMap<>();
    private @Nullable ScheduledExecutorService executor;

    /**
     * Creates the refresher.
     *
     * @param engines the engines to watch, asked for when the refresher starts (engines without a
     *     {@link MigrationsRunState} listener are skipped)
     * @param interval how often to read
     */
    public MigrationsStateRefresher(Supplier<List<Migrations>> engines, Duration interval) {
        this.engines = Objects.requireNonNull(engines, "engines");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The refresh interval must be positive (was " + interval + ")");
        }
    }

    @Override
    public void start() {
        synchronized (monitor) {
            if (executor != null) {
                return;
            }
            if (watched.isEmpty()) {
                for (Migrations engine : engines.get()) {
                    MigrationsRunState state = MigrationsRunState.of(engine);
                    if (state != null && !watched.containsKey(state)) {
                        watched.put(state, engine);
                        state.onRunEnded(() -> refreshSoon(state));
                    }
                }
            }
            refreshAll();
            ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "migrations-state-refresher");
                thread.setDaemon(true);
                return thread;
            });
            started.setRemoveOnCancelPolicy(true);
            long millis = Math.max(1, interval.toMillis());
            // refreshAll never throws, so the schedule's future never completes exceptionally.
            var unused = started.scheduleWithFixedDelay(this::refreshAll, millis, millis, TimeUnit.MILLISECONDS);
            executor = started;
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (monitor) {
            stopping = executor;
            executor = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdownNow();
        try {
            if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The migrations state refresher did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (monitor) {
            return executor != null;
        }
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The states this refresher keeps current. */
    public List<MigrationsRunState> states() {
        synchronized (monitor) {
            return new ArrayList<>(watched.keySet());
        }
    }

    /** Reads every engine's state now, on the calling thread. */
    public void refreshAll() {
        Map<MigrationsRunState, Migrations> snapshot;
        synchronized (monitor) {
            snapshot = new LinkedHashMap<>(watched);
        }
        snapshot.forEach(this::refresh);
    }

    private void refreshSoon(MigrationsRunState state) {
        ScheduledExecutorService current;
        Migrations engine;
        synchronized (monitor) {
            current = executor;
            engine = watched.get(state);
        }
        if (current == null || engine == null) {
            return; // not running: the next start reads anyway
        }
        try {
            current.execute(() -> refresh(state, engine));
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }

    private void refresh(MigrationsRunState state, Migrations engine) {
        try {
            state.refresh(engine);
        } catch (RuntimeException e) {
            // The state keeps its own errors; this only protects the schedule.
            LOG.warn("Reading the migrations state of {} failed", state.name(), e);
            return;
        }
        MigrationsRunState.RefreshError error = state.refreshError();
        String message = error == null ? null : error.message();
        String previous;
        synchronized (monitor) {
            previous = message == null ? lastErrors.remove(state) : lastErrors.put(state, message);
        }
        // Log changes only, not every interval.
        if (message != null && !message.equals(previous)) {
            LOG.warn("Could not read the migrations state of {}: {}", state.name(), message);
        } else if (message == null && previous != null) {
            LOG.info("Reading the migrations state of {} works again", state.name());
        }
    }
}
