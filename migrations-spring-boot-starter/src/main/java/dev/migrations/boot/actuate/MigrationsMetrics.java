package dev.migrations.boot.actuate;

import dev.migrations.boot.MigrationsRunState;
import dev.migrations.boot.MigrationsRunState.Outcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of each engine, tagged {@code datasource=<bean name>}, read from its {@link
 * MigrationsRunState} (never a query per scrape). Names as Micrometer has them, then as Prometheus
 * exposes them:
 *
 * <ul>
 *   <li>{@code migrations.pending} ({@code migrations_pending}): revisions pending for the target, NaN
 *       while unknown;
 *   <li>{@code migrations.heads} ({@code migrations_heads}): heads of the scripts (more than one is a
 *       merge to make);
 *   <li>{@code migrations.info} ({@code migrations_info}, value 1): tags {@code current} and {@code
 *       head}, the version-table rows and the heads, comma-separated;
 *   <li>{@code migrations.applied} ({@code migrations_applied_total}): revision scripts run, tag {@code
 *       direction} = upgrade | downgrade;
 *   <li>{@code migrations.run} ({@code migrations_run_seconds_count}, {@code _sum}): runs, tags {@code
 *       direction} = upgrade | downgrade | stamp and {@code outcome} = success | failure;
 *   <li>{@code migrations.lock.wait} ({@code migrations_lock_wait_seconds_count}, {@code _sum}): time
 *       runs waited for the migration lock;
 *   <li>{@code migrations.last.run.timestamp} ({@code migrations_last_run_timestamp_seconds}): when the
 *       last run ended (Unix time), NaN before the first;
 *   <li>{@code migrations.checksum.mismatches} ({@code migrations_checksum_mismatches}): applied
 *       revisions whose scripts changed since;
 *   <li>{@code migrations.unknown.revisions} ({@code migrations_unknown_revisions}): version-table rows
 *       the scripts do not have.
 * </ul>
 */
public class MigrationsMetrics implements MeterBinder {
    private final List<MigrationsRunState> states;

    /**
     * Creates the binder.
     *
     * @param states one per engine
     */
    public MigrationsMetrics(List<MigrationsRunState> states) {
        this.states = List.copyOf(Objects.requireNonNull(states, "states"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (MigrationsRunState state : states) {
            bind(registry, state);
        }
    }

    private static void bind(MeterRegistry registry, MigrationsRunState state) {
        Tags tags = Tags.of("datasource", state.name());
        Gauge.builder("migrations.pending", state, MigrationsMetrics::pending)
                .description("Revisions pending for the target (NaN while unknown)")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        Gauge.builder("migrations.heads", state, MigrationsMetrics::heads)
                .description("Heads of the revision scripts; more than one is a merge to make")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        Gauge.builder("migrations.checksum.mismatches", state, s -> problemCount(s, true))
                .description("Applied revisions whose scripts changed since")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        Gauge.builder("migrations.unknown.revisions", state, s -> problemCount(s, false))
                .description("Version-table rows the scripts do not have")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        TimeGauge.builder(
                        "migrations.last.run.timestamp", state, TimeUnit.MILLISECONDS, MigrationsMetrics::lastRunMillis)
                .description("When the last migration run ended (Unix time)")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        for (String direction : List.of("upgrade", "downgrade")) {
            FunctionCounter.builder("migrations.applied", state, s -> s.applied(direction))
                    .description("Revision scripts run")
                    .tags(tags.and("direction", direction))
                    .register(registry);
        }
        for (String direction : MigrationsRunState.DIRECTIONS) {
            for (Outcome outcome : Outcome.values()) {
                FunctionTimer.builder(
                                "migrations.run",
                                state,
                                s -> s.runCount(direction, outcome),
                                s -> (double) s.runNanos(direction, outcome),
                                TimeUnit.NANOSECONDS)
                        .description("Migration runs")
                        .tags(tags.and("direction", direction, "outcome", outcome.tag()))
                        .register(registry);
            }
        }
        FunctionTimer.builder(
                        "migrations.lock.wait",
                        state,
                        MigrationsRunState::lockWaitCount,
                        s -> (double) s.lockWaitNanos(),
                        TimeUnit.NANOSECONDS)
                .description("Time runs waited for the migration lock")
                .tags(tags)
                .register(registry);
        // The tags change with the database: one row at a time, replaced on every change. Micrometer
        // exposes a gauge named '*.info' as a Prometheus info metric: migrations_info{...} 1.
        MultiGauge info = MultiGauge.builder("migrations.info")
                .description("The database's current revision(s) and the scripts' head(s)")
                .register(registry);
        Runnable update =
                () -> info.register(List.of(MultiGauge.Row.of(infoTags(state).and(tags), 1)), true);
        update.run();
        state.onChange(update);
    }

    private static double pending(MigrationsRunState state) {
        MigrationsRunState.DatabaseStatus status = state.status();
        return status == null || !status.pendingKnown()
                ? Double.NaN
                : status.pending().size();
    }

    private static double heads(MigrationsRunState state) {
        MigrationsRunState.DatabaseStatus status = state.status();
        return status == null ? Double.NaN : status.heads().size();
    }

    private static double problemCount(MigrationsRunState state, boolean checksums) {
        MigrationsRunState.DatabaseStatus status = state.status();
        if (status == null) {
            return Double.NaN;
        }
        return checksums
                ? status.checksumMismatches().size()
                : status.unknownRevisions().size();
    }

    private static double lastRunMillis(MigrationsRunState state) {
        MigrationsRunState.LastRun run = state.lastRun();
        return run == null ? Double.NaN : run.finishedAt().toEpochMilli();
    }

    private static Tags infoTags(MigrationsRunState state) {
        MigrationsRunState.DatabaseStatus status = state.status();
        if (status == null) {
            return Tags.of("current", "unknown", "head", "unknown");
        }
        return Tags.of(
                "current",
                status.current().isEmpty() ? "base" : String.join(",", status.current()),
                "head",
                String.join(",", status.heads()));
    }
}
