package dev.migrations.internal.command;

import dev.migrations.ChecksumMismatch;
import dev.migrations.MigrationResult;
import dev.migrations.RunKind;
import dev.migrations.StartMode;
import dev.migrations.StartOptions;
import dev.migrations.StartRefusedException;
import dev.migrations.StartResult;
import dev.migrations.internal.runtime.OnlineRunner;
import dev.migrations.internal.runtime.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up policy every front door shares: one read-only look at the database decides. At a
 * verified target that look is one read and no script is read; otherwise the rows are checked
 * (unknown revisions, above the target, changed scripts) and planned once, and an upgrade takes the
 * migration lock on the connection that looked, reusing that plan while the rows stay the same.
 */
public final class Start {
    private static final Logger LOG = LoggerFactory.getLogger(Start.class);
    private static final long WAIT_LOG_MILLIS = 30_000;

    private final Engine engine;
    private final StartOptions options;
    private final String target;
    private final long started = System.nanoTime();

    /** A start of the engine's database with these options. */
    public Start(Engine engine, StartOptions options) {
        this.engine = engine;
        this.options = options;
        this.target = Range.single(options.target());
    }

    /** Brings the database where the options say, or refuses with what to do. */
    public StartResult run() {
        long nextLog = 0;
        while (true) {
            Outcome outcome = once();
            if (outcome.result() != null) {
                return outcome.result();
            }
            // Mode wait with revisions pending: look again until the timeout.
            long waited = System.nanoTime() - started;
            long timeout = options.waitTimeout().toNanos();
            if (waited >= timeout) {
                throw new StartRefusedException(
                        "Waited " + format(options.waitTimeout()) + " for the database to reach the target " + target
                                + "; it is at " + describe(outcome.rows()) + " with "
                                + outcome.pending().size()
                                + " revision(s) pending: " + String.join(", ", outcome.pending()) + ".",
                        "Check that an instance with migrations.mode=upgrade is running and succeeds (its log"
                                + " names a failed revision), or raise migrations.wait-timeout (CLI: --wait-timeout).");
            }
            if (waited / 1_000_000 >= nextLog) {
                LOG.info(
                        "Waiting for another instance to migrate the database to {}: at {}, pending {}",
                        target,
                        describe(outcome.rows()),
                        String.join(", ", outcome.pending()));
                nextLog += WAIT_LOG_MILLIS;
            }
            sleep(Math.min(options.waitPollInterval().toNanos(), timeout - waited));
        }
    }

    /** One look's outcome: the start's result, or (mode wait) the rows and what is still pending. */
    private record Outcome(StartResult result, List<String> rows, List<String> pending) {}

    private Outcome once() {
        OnlineRunner runner = engine.online();
        Look look = new Look(runner, engine.verification(target));
        MigrationResult run = runner.look(look.verification, look::decide);
        if (run != null) {
            return new Outcome(
                    result(StartResult.Outcome.MIGRATED, run.after(), List.of(), run), run.after(), List.of());
        }
        return look.outcome;
    }

    /** One look at the database and what the start decides from it: a run under the lock, or an outcome. */
    private final class Look {
        private final OnlineRunner runner;
        private final OnlineRunner.Verification verification;
        private Outcome outcome;

        Look(OnlineRunner runner, OnlineRunner.Verification verification) {
            this.runner = runner;
            this.verification = verification;
        }

        OnlineRunner.Run decide(OnlineRunner.Look look, OnlineRunner.Session session) {
            if (look.state() == OnlineRunner.Look.State.VERIFIED) {
                outcome = atTarget(runner, look.rows());
                return null;
            }
            if (look.state() == OnlineRunner.Look.State.UNREADABLE && options.mode() == StartMode.UPGRADE) {
                // A half-applied revision or tables of another shape: the locked run explains.
                return new Runs(engine).upgradeRun(target, new PlanOnce());
            }
            boolean read = look.state() != OnlineRunner.Look.State.UNREADABLE;
            List<String> rows = read ? look.rows() : runner.readRows();
            Map<String, String> recorded = read ? look.recordedChecksums() : runner.readRecordedChecksums();
            if (unknownRevisionsTolerated(rows)) {
                outcome = new Outcome(result(StartResult.Outcome.SKIPPED, rows, List.of(), null), rows, List.of());
                return null;
            }
            List<String> undo = aboveTarget(rows);
            if (!undo.isEmpty()) {
                LOG.warn(
                        "Downgrading the database from {} to the target {} (allow-downgrade): undoing {}",
                        describe(rows),
                        target,
                        String.join(", ", undo));
                return new Runs(engine).downgradeRun(target);
            }
            List<ChecksumMismatch> mismatches = engine.mismatches(rows, recorded);
            checksums(mismatches);
            PlanOnce plan = new PlanOnce();
            List<String> pending = ids(plan.steps(rows));
            if (!pending.isEmpty()) {
                return pending(rows, plan, pending);
            }
            if (mismatches.isEmpty()) {
                // The record vouches that every applied script was checked: never for changed ones.
                session.recordVerified(look, verification);
            }
            outcome = atTarget(runner, rows);
            return null;
        }

        /** Revisions are pending: the mode says whether to upgrade, refuse, wait or report. */
        private OnlineRunner.Run pending(List<String> rows, PlanOnce plan, List<String> pending) {
            switch (options.mode()) {
                case UPGRADE -> {
                    lint(plan.steps(rows));
                    return new Runs(engine).upgradeRun(target, plan);
                }
                case VALIDATE -> throw notAtTarget(rows, pending);
                case WAIT -> outcome = new Outcome(null, rows, pending);
                case NONE -> {
                    LOG.info(
                            "Migrations: the database is at {}; {} revision(s) pending for target {}: {} (mode none:"
                                    + " not migrating)",
                            describe(rows),
                            pending.size(),
                            target,
                            String.join(", ", pending));
                    outcome = new Outcome(result(StartResult.Outcome.PENDING, rows, pending, null), rows, pending);
                }
            }
            return null;
        }
    }

    /** The database is at the target: mode upgrade reports the upgrade that had nothing to do. */
    private Outcome atTarget(OnlineRunner runner, List<String> rows) {
        if (options.mode() == StartMode.UPGRADE) {
            runner.reportNothingToDo(RunKind.UPGRADE, target, rows, started);
        } else {
            String how =
                    switch (options.mode()) {
                        case VALIDATE -> "validated";
                        case WAIT ->
                            "waited "
                                    + Duration.ofNanos(System.nanoTime() - started)
                                            .toMillis() + " ms";
                        default -> "mode none";
                    };
            LOG.info("Migrations: the database is at {}, at target {} ({})", describe(rows), target, how);
        }
        return new Outcome(result(StartResult.Outcome.AT_TARGET, rows, List.of(), null), rows, List.of());
    }

    private StartResult result(
            StartResult.Outcome outcome, List<String> rows, List<String> pending, MigrationResult run) {
        return new StartResult(outcome, rows, pending, run, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Refuses, or warns and returns true when tolerated, if the version table names unknown revisions. */
    private boolean unknownRevisionsTolerated(List<String> rows) {
        List<String> unknown = engine.unknown(rows);
        if (unknown.isEmpty()) {
            return false;
        }
        String found = "The version table " + engine.config().versionTable() + " names "
                + (unknown.size() == 1 ? "revision " : "revisions ") + String.join(", ", unknown)
                + ", which the scripts in " + String.join(", ", engine.config().locations())
                + " do not have: a newer deployment's revisions are in the database (was the application"
                + " rolled back?)";
        if (options.tolerateUnknownRevisions() || options.mode() == StartMode.NONE) {
            LOG.warn(
                    "{}. Skipping the start-up migration ({}).",
                    found,
                    options.mode() == StartMode.NONE ? "mode none" : "tolerate-unknown-revisions");
            return true;
        }
        throw new StartRefusedException(
                found + ".",
                "Deploy the version that has these revisions, or, if running this older version against the newer"
                        + " schema is safe, set migrations.tolerate-unknown-revisions=true (CLI:"
                        + " --tolerate-unknown-revisions) to start without migrating. If the revisions were"
                        + " abandoned, downgrade them with the newer version, or stamp the database with"
                        + " 'migrations stamp --purge <revision>'.");
    }

    /**
     * The revisions the database has above the target (newest first), when mode upgrade may downgrade
     * to it; a database above the target otherwise refuses the start.
     */
    private List<String> aboveTarget(List<String> rows) {
        List<String> undo = new GraphQueries(engine).downgradePlan(target, rows);
        boolean upgrade = options.mode() == StartMode.UPGRADE;
        if (undo.isEmpty() || (upgrade && options.allowDowngrade())) {
            return undo;
        }
        throw new StartRefusedException(
                "The database is at " + describe(rows) + ", above the target " + target + ": reaching it would"
                        + " downgrade " + String.join(", ", undo) + ".",
                "Set migrations.target (CLI: the start's TARGET) to the database's revision (or 'head')"
                        + (upgrade
                                ? ", or set migrations.allow-downgrade=true (CLI: --allow-downgrade) to downgrade"
                                        + " at start-up."
                                : "; mode " + options.mode().name().toLowerCase(java.util.Locale.ROOT)
                                        + " never migrates."));
    }

    /** Changed scripts refuse the start when validated; mode none, which never refuses, only warns. */
    private void checksums(List<ChecksumMismatch> mismatches) {
        if (options.mode() != StartMode.NONE) {
            engine.checkChecksums(mismatches);
            return;
        }
        for (ChecksumMismatch mismatch : mismatches) {
            LOG.warn("{}", mismatch.describe());
        }
    }

    private StartRefusedException notAtTarget(List<String> rows, List<String> pending) {
        return new StartRefusedException(
                "The database is at " + describe(rows) + ", not at the target " + target + ": " + pending.size()
                        + " revision(s) pending: " + String.join(", ", pending)
                        + " (mode validate never migrates).",
                "Upgrade the database first (another instance with migrations.mode=upgrade, or 'migrations"
                        + " upgrade " + target + "'), or set migrations.mode=upgrade (CLI: start --mode upgrade) to"
                        + " migrate at start-up.");
    }

    private void lint(List<Step> steps) {
        StartOptions.StartLint lint = options.lint();
        if (lint != null) {
            LintAtStart.check(new Linting(engine).steps(steps, lint.options()), lint.failOn());
        }
    }

    /**
     * The upgrade plan made once from the rows the look read, and again only from other rows (another
     * migrator moved the version table before this run took the lock).
     */
    private final class PlanOnce implements OnlineRunner.Plan {
        private List<String> rows;
        private List<Step> steps;

        @Override
        public List<Step> steps(List<String> from) {
            if (!from.equals(rows)) {
                steps = engine.planner().upgrade(target, from);
                rows = List.copyOf(from);
            }
            return steps;
        }
    }

    private static List<String> ids(List<Step> steps) {
        return steps.stream().map(Step::revisionId).toList();
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartRefusedException(
                    "Interrupted while waiting for the database to reach the target", "Start again.");
        }
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String describe(List<String> rows) {
        return rows.isEmpty() ? "base" : String.join(", ", rows);
    }
}
