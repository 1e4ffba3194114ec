package dev.migrations.boot;

import dev.migrations.AppliedStep;
import dev.migrations.ChecksumMismatch;
import dev.migrations.MigrationFailedException;
import dev.migrations.MigrationListener;
import dev.migrations.MigrationResult;
import dev.migrations.MigrationStatus;
import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.RunKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one engine's database looked like when last read, and what its last run did: the data behind
 * the {@code migrations} health contributor and the Micrometer meters, which never query the
 * database themselves.
 *
 * <p>It hears the engine's runs as a {@link MigrationListener} (register it with {@code
 * MigrationsConfig.Builder.listener(state)}), and {@link #refresh(Migrations)}, called by the
 * starter's background {@link MigrationsStateRefresher}, reads the database's current and pending
 * revisions. The auto-configured engine has one; give an engine of your own one too:
 *
 * <pre>{@code
 * @Bean
 * Migrations auditMigrations(@Qualifier("auditDataSource") DataSource audit) {
 *     return Migrations.configure().locations("classpath:db/audit").dataSource(audit)
 *             .listener(new MigrationsRunState("auditDataSource", "head"))
 *             .load();
 * }
 * }</pre>
 *
 * <p>Thread-safe: runs report on the migrating thread, refreshes happen on the refresher's thread and
 * readers (health checks, scrapes) see immutable snapshots.
 */
public final class MigrationsRunState implements MigrationListener {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationsRunState.class);

    /** The commands a run can be: the {@code direction} tag of the run meters. */
    public static final List<String> DIRECTIONS = List.of("upgrade", "downgrade", "stamp");

    /** How a run ended. */
    public enum Outcome {
        /** The run reached its target. */
        SUCCESS,
        /** The run stopped with an error. */
        FAILURE;

        /** {@code success} or {@code failure}, as the JSON and the meter tags show it. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Where the database stood against the scripts when it was last read: the engine's {@link
     * MigrationStatus} for the configured target, and when it was read.
     *
     * @param checkedAt when it was read
     * @param read what {@link Migrations#status(String)} said then
     */
    public record DatabaseStatus(Instant checkedAt, MigrationStatus read) {

        /** Validates. */
        public DatabaseStatus {
            Objects.requireNonNull(checkedAt, "checkedAt");
            Objects.requireNonNull(read, "read");
        }

        /** The version-table rows. */
        public List<String> current() {
            return read.current();
        }

        /** The heads of the scripts' revision graph. */
        public List<String> heads() {
            return read.heads();
        }

        /** The target as configured. */
        public String target() {
            return read.target();
        }

        /** What the target resolves to (empty when the rows name unknown revisions). */
        public List<String> targetRevisions() {
            return read.targetRevisions();
        }

        /** Revisions an upgrade to the target would run, in run order (empty when unknown). */
        public List<String> pending() {
            return read.pending();
        }

        /** Whether the database is at the target. */
        public boolean upToDate() {
            return read.upToDate();
        }

        /** Applied revisions whose scripts changed since. */
        public List<ChecksumMismatch> checksumMismatches() {
            return read.checksumMismatches();
        }

        /** Version-table rows the scripts do not have (a newer deployment's). */
        public List<String> unknownRevisions() {
            return read.unknownRevisions();
        }

        /** Whether pending revisions could be worked out (not when the rows name unknown revisions). */
        public boolean pendingKnown() {
            return read.pendingKnown();
        }
    }

    /**
     * The last run this application made on the engine (upgrade, downgrade or stamp).
     *
     * @param finishedAt when it ended
     * @param duration how long it took, lock wait included
     * @param outcome whether it reached its target
     * @param command {@code upgrade}, {@code downgrade} or {@code stamp}
     * @param target the target as given
     * @param applied the revisions whose scripts ran (and committed), in order
     * @param error what went wrong, or null
     */
    public record LastRun(
            Instant finishedAt,
            Duration duration,
            Outcome outcome,
            String command,
            String target,
            List<String> applied,
            @Nullable String error) {

        /** Validates and copies. */
        public LastRun {
            Objects.requireNonNull(finishedAt, "finishedAt");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(target, "target");
            applied = List.copyOf(applied);
        }
    }

    /**
     * The last refresh failed (database unreachable, several heads for target {@code head}, ...).
     *
     * @param at when
     * @param message what went wrong
     */
    public record RefreshError(Instant at, String message) {}

    /** Count and total time of a kind of event. */
    private static final class Stats {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong nanos = new AtomicLong();

        void record(Duration duration) {
            nanos.addAndGet(Math.max(0, duration.toNanos()));
            count.incrementAndGet();
        }
    }

    private final String name;
    private final String target;
    private final Clock clock;

    private volatile @Nullable DatabaseStatus status;
    private volatile @Nullable RefreshError refreshError;
    private volatile @Nullable LastRun lastRun;

    private final Map<String, AtomicLong> applied = new ConcurrentHashMap<>();
    private final Map<String, Stats> runs = new ConcurrentHashMap<>();
    private final Stats lockWaits = new Stats();

    private final List<Runnable> changeObservers = new CopyOnWriteArrayList<>();
    private final List<Runnable> runObservers = new CopyOnWriteArrayList<>();

    /**
     * Creates the state of one engine.
     *
     * @param name the DataSource's bean name: the key in the endpoint and the {@code datasource} tag
     * @param target the target the refresh compares the database with ({@code migrations.target})
     */
    public MigrationsRunState(String name, String target) {
        this(name, target, Clock.systemUTC());
    }

    MigrationsRunState(String name, String target, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The state registered as a listener on the engine, or null when it has none. */
    public static @Nullable MigrationsRunState of(Migrations engine) {
        for (MigrationListener listener : engine.config().listeners()) {
            if (listener instanceof MigrationsRunState state) {
                return state;
            }
        }
        return null;
    }

    /** The DataSource's bean name. */
    public String name() {
        return name;
    }

    /** The target the database is compared with. */
    public String target() {
        return target;
    }

    /** The database's state when last read, or null before the first refresh. */
    public @Nullable DatabaseStatus status() {
        return status;
    }

    /** The last refresh's failure, or null when it succeeded. */
    public @Nullable RefreshError refreshError() {
        return refreshError;
    }

    /** The last run, or null when this application has not run one. */
    public @Nullable LastRun lastRun() {
        return lastRun;
    }

    /** Revision scripts run in the given direction ({@code upgrade} or {@code downgrade}) since start. */
    public long applied(String direction) {
        AtomicLong count = applied.get(direction);
        return count == null ? 0 : count.get();
    }

    /** Runs of the given command that ended with the given outcome. */
    public long runCount(String direction, Outcome outcome) {
        Stats stats = runs.get(runKey(direction, outcome));
        return stats == null ? 0 : stats.count.get();
    }

    /** Total time of those runs, in nanoseconds. */
    public long runNanos(String direction, Outcome outcome) {
        Stats stats = runs.get(runKey(direction, outcome));
        return stats == null ? 0 : stats.nanos.get();
    }

    /** Number of runs that took the migration lock. */
    public long lockWaitCount() {
        return lockWaits.count.get();
    }

    /** Total time those runs waited for the lock, in nanoseconds. */
    public long lockWaitNanos() {
        return lockWaits.nanos.get();
    }

    /**
     * Calls {@code observer} after the status or the last run changed (on the thread that changed
     * it); it must be quick and not throw.
     */
    public void onChange(Runnable observer) {
        changeObservers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** Calls {@code observer} after each run of the engine ends, on the migrating thread. */
    public void onRunEnded(Runnable observer) {
        runObservers.add(Objects.requireNonNull(observer, "observer"));
    }

    /**
     * Reads where the database stands against the target and keeps it. A failure is kept too (see
     * {@link #refreshError()}) and leaves the previous status in place.
     *
     * @param engine the engine this state listens to
     * @return the new status, or null when reading it failed
     */
    public @Nullable DatabaseStatus refresh(Migrations engine) {
        DatabaseStatus read;
        try {
            read = read(engine);
        } catch (RuntimeException e) {
            // Unreachable database, several heads for target 'head', ...: kept for the health check.
            refreshError = new RefreshError(clock.instant(), String.valueOf(e.getMessage()));
            changed();
            return null;
        }
        status = read;
        refreshError = null;
        changed();
        return read;
    }

    private DatabaseStatus read(Migrations engine) {
        // One look: a verified database is answered without reading the scripts.
        return new DatabaseStatus(clock.instant(), engine.status(target));
    }

    // ------------------------------------------------------------------ MigrationListener

    @Override
    public void lockAcquired(String versionTable, Duration waited) {
        lockWaits.record(waited);
    }

    @Override
    public void stepApplied(AppliedStep step) {
        if (step.revision() != null) {
            applied.computeIfAbsent(step.name(), k -> new AtomicLong()).incrementAndGet();
        }
    }

    @Override
    public void runFinished(MigrationResult result) {
        List<String> ran = new ArrayList<>();
        for (AppliedStep step : result.steps()) {
            if (step.revision() != null) {
                ran.add(step.revision());
            }
        }
        ended(new LastRun(
                clock.instant(),
                result.duration(),
                Outcome.SUCCESS,
                result.kind().label(),
                result.target(),
                ran,
                null));
    }

    @Override
    public void runFailed(RunKind kind, String target, MigrationsException error, Duration duration) {
        List<String> ran = error instanceof MigrationFailedException failed ? failed.appliedInRun() : List.of();
        ended(new LastRun(
                clock.instant(),
                duration,
                Outcome.FAILURE,
                kind.label(),
                target,
                ran,
                String.valueOf(error.getMessage())));
    }

    private void ended(LastRun run) {
        runs.computeIfAbsent(runKey(run.command(), run.outcome()), k -> new Stats())
                .record(run.duration());
        lastRun = run;
        changed();
        notify(runObservers);
    }

    private void changed() {
        notify(changeObservers);
    }

    private static void notify(List<Runnable> observers) {
        for (Runnable observer : observers) {
            try {
                observer.run();
            } catch (RuntimeException e) {
                // An observer must not break a run or a refresh.
                LOG.warn("A migrations state observer failed", e);
            }
        }
    }

    private static String runKey(String direction, Outcome outcome) {
        return direction + "/" + outcome.tag();
    }

    @Override
    public String toString() {
        return "MigrationsRunState[" + name + ", target " + target + "]";
    }
}
