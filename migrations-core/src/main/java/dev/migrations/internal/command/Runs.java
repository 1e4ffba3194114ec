package dev.migrations.internal.command;

import dev.migrations.MigrationResult;
import dev.migrations.MigrationsException;
import dev.migrations.RunKind;
import dev.migrations.internal.runtime.OnlineRunner;
import java.util.List;
import java.util.Map;

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
        return engine.online().run(upgradeRun(single, rows -> engine.planner().upgrade(single, known(rows))));
    }

    /** The run {@code upgrade target} takes, planning with {@code plan}. */
    OnlineRunner.Run upgradeRun(String target, OnlineRunner.Plan plan) {
        return new OnlineRunner.Run(
                RunKind.UPGRADE, target, false, this::checkChecksums, plan, engine.verification(target));
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
                this::checkChecksums,
                rows -> engine.planner().downgrade(target, known(rows)),
                null);
    }

    /** The checksum check reads the rows first too: an unknown one is explained the same way. */
    private void checkChecksums(List<String> rows, Map<String, String> recorded) {
        engine.checkChecksums(known(rows), recorded);
    }

    /**
     * The version table's rows, when each is a revision of the scripts. Alembic's "Can't locate
     * revision" for a row reads as if the user had typed a bad target; here the value came from the
     * database, so say so, and how to get out.
     */
    private List<String> known(List<String> rows) {
        for (String row : rows) {
            if (engine.map().byId(row) == null) {
                throw new MigrationsException("The version table "
                        + engine.config().versionTable() + " holds '"
                        + row + "', which is no revision of the scripts in "
                        + String.join(", ", engine.config().locations()) + " (Can't locate revision identified by '"
                        + row + "'). If a newer version of the scripts migrated this database, run with those"
                        + " scripts; if the table was written by something else, find the revision the schema"
                        + " matches and run 'migrations stamp --purge <revision>'. Nothing was changed.");
            }
        }
        return rows;
    }

    /** Sets the version table to the revisions without running scripts, emptying it first when purging. */
    public MigrationResult stamp(List<String> revisions, boolean purge) {
        return stampRun(revisions, purge, rows -> engine.planner().stamp(revisions, known(rows)));
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
