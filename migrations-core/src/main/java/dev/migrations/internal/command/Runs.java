package dev.migrations.internal.command;

import dev.migrations.MigrationResult;
import dev.migrations.RunKind;
import dev.migrations.internal.runtime.OnlineRunner;
import java.util.List;

/** {@code upgrade}, {@code downgrade} and {@code stamp} on the database, under the migration lock. */
public final class Runs {
    private final Engine engine;

    /** Runs of the engine's scripts. */
    public Runs(Engine engine) {
        this.engine = engine;
    }

    /** Upgrades to the target; the verification record may answer a database already at it. */
    public MigrationResult upgrade(String target) {
        String single = Range.single(target);
        return engine.online().run(upgradeRun(single, rows -> engine.planner().upgrade(single, rows)));
    }

    /** The run {@code upgrade target} takes, planning with {@code plan}. */
    OnlineRunner.Run upgradeRun(String target, OnlineRunner.Plan plan) {
        return new OnlineRunner.Run(
                RunKind.UPGRADE, target, false, engine::checkChecksums, plan, engine.verification(target));
    }

    /** Downgrades to the target. */
    public MigrationResult downgrade(String target) {
        return engine.online().run(downgradeRun(Range.single(target)));
    }

    /** The run {@code downgrade target} takes. */
    OnlineRunner.Run downgradeRun(String target) {
        return new OnlineRunner.Run(
                RunKind.DOWNGRADE,
                target,
                false,
                engine::checkChecksums,
                rows -> engine.planner().downgrade(target, rows),
                null);
    }

    /** Sets the version table to the revisions without running scripts, emptying it first when purging. */
    public MigrationResult stamp(List<String> revisions, boolean purge) {
        return stampRun(revisions, purge, rows -> engine.planner().stamp(revisions, rows));
    }

    /**
     * Stamps only a version table without rows, deciding under the migration lock: of several runs that
     * take over one database at once, the first stamps and the others find its rows and change nothing.
     */
    public MigrationResult stampIfEmpty(List<String> revisions) {
        return stampRun(
                revisions, false, rows -> rows.isEmpty() ? engine.planner().stamp(revisions, rows) : List.of());
    }

    private MigrationResult stampRun(List<String> revisions, boolean purge, OnlineRunner.Plan plan) {
        revisions.forEach(Range::single);
        return engine.online()
                .run(new OnlineRunner.Run(
                        RunKind.STAMP, String.join(" ", revisions), purge, (rows, recorded) -> {}, plan, null));
    }
}
