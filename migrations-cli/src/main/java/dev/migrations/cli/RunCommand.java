package dev.migrations.cli;

import dev.migrations.Migrations;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetResult;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code upgrade}, {@code downgrade} and {@code stamp}: each runs on the database, or over a fleet of
 * tenants ({@link TenantOptions}), or with {@code --sql} prints the script it would run (Alembic's
 * offline mode). Only a fleet run has a JSON form (its summary).
 */
abstract class RunCommand extends Subcommand {
    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "Arbitrary 'tag' name; accepted for Alembic compatibility, not used.")
    String tag;

    @Mixin
    TenantOptions tenants;

    /** Whether {@code --sql} was given. */
    abstract boolean sql();

    /** Runs on the database; a check that needs no database comes before asking for it. */
    abstract void online();

    /** The script {@code --sql} prints. */
    abstract String offline(Migrations engine);

    /** The verb over every tenant of the fleet. */
    abstract FleetResult overFleet(Fleet fleet);

    /** The revision as an online target; a range is refused before a database is asked for, as Alembic does. */
    static String singleTarget(String revision) {
        if (revision.contains(":")) {
            throw failed("Range revision not allowed");
        }
        return revision;
    }

    @Override
    public final Integer call() {
        if (sql()) {
            FleetRun.refuseSql(tenants);
            rejectJson();
            parent.settings().requireSqlDialect();
            print(offline(migrations()));
            return 0;
        }
        FleetRun fleet = fleet(tenants);
        if (fleet != null) {
            return fleet.run(this::overFleet, null);
        }
        rejectJson();
        online();
        return 0;
    }
}
