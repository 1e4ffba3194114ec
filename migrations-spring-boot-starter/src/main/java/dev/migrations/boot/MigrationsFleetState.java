package dev.migrations.boot;

import dev.migrations.fleet.FleetListener;
import dev.migrations.fleet.FleetResult;
import dev.migrations.fleet.TenantOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the tenants' last fleet run did, for the endpoint, the health contributor and the meters:
 * how many tenants ended in each state, and the failed ones with their errors. Counts move while a
 * run goes (it is the run's {@link FleetListener}), so a scrape during a long start-up sees progress.
 */
public final class MigrationsFleetState implements FleetListener {
    private final String name;
    private final Clock clock;
    private boolean running;
    private volatile long runs;
    private volatile long runNanos;
    private volatile Snapshot snapshot =
            new Snapshot(null, null, 0, new EnumMap<>(TenantOutcome.State.class), List.of());

    /**
     * What is known of the fleet.
     *
     * @param startedAt when the last run began, or null before the first
     * @param finishedAt when it ended, or null while it runs
     * @param total the tenants of the run
     * @param counts the tenants finished so far in each state
     * @param failed the failed tenants with their errors
     */
    public record Snapshot(
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            int total,
            Map<TenantOutcome.State, Integer> counts,
            List<TenantOutcome> failed) {

        /** Copies. */
        public Snapshot {
            counts = Map.copyOf(counts);
            failed = List.copyOf(failed);
        }

        /** The tenants finished in the state. */
        public int count(TenantOutcome.State state) {
            return counts.getOrDefault(state, 0);
        }
    }

    /**
     * A fleet's state.
     *
     * @param name what the endpoint, health and meters call it (the DataSource's bean name)
     */
    public MigrationsFleetState(String name) {
        this(name, Clock.systemUTC());
    }

    MigrationsFleetState(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    /** The DataSource's bean name the tenants belong to. */
    public String name() {
        return name;
    }

    /** The latest snapshot. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** A run begins: until it ends, the tenants it finishes are what the snapshot counts. */
    public synchronized void runStarted() {
        running = true;
        snapshot = new Snapshot(clock.instant(), null, 0, new EnumMap<>(TenantOutcome.State.class), List.of());
    }

    /**
     * A status pass over the tenants ({@code migrations.tenants.refresh-interval}) found them so: the
     * counts follow what other instances or a Job did since. Ignored while a run goes.
     */
    public synchronized void statusRead(FleetResult status) {
        if (running) {
            return;
        }
        Snapshot last = snapshot;
        snapshot = new Snapshot(
                last.startedAt(), last.finishedAt(), status.tenants().size(), counts(status), status.failed());
    }

    /** How many runs ended. */
    public long runs() {
        return runs;
    }

    /** The ended runs' time, summed, in seconds. */
    public double runSeconds() {
        return runNanos / 1e9;
    }

    @Override
    public synchronized void tenantFinished(TenantOutcome outcome, Progress progress) {
        if (!running) {
            return; // a status pass: statusRead takes its result whole
        }
        Snapshot now = snapshot;
        Map<TenantOutcome.State, Integer> counts = new EnumMap<>(TenantOutcome.State.class);
        counts.putAll(now.counts());
        counts.merge(outcome.state(), 1, Integer::sum);
        List<TenantOutcome> failed = now.failed();
        if (outcome.state() == TenantOutcome.State.FAILED) {
            failed = new ArrayList<>(failed);
            failed.add(outcome);
        }
        snapshot = new Snapshot(now.startedAt(), null, progress.total(), counts, failed);
    }

    /** The run ended with this result. */
    public synchronized void runFinished(FleetResult result) {
        running = false;
        snapshot = new Snapshot(
                snapshot.startedAt(), clock.instant(), result.tenants().size(), counts(result), result.failed());
        runNanos += result.elapsed().toNanos();
        runs++;
    }

    private static Map<TenantOutcome.State, Integer> counts(FleetResult result) {
        Map<TenantOutcome.State, Integer> counts = new EnumMap<>(TenantOutcome.State.class);
        for (TenantOutcome.State state : TenantOutcome.State.values()) {
            counts.put(state, result.count(state));
        }
        return counts;
    }
}
