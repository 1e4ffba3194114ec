package dev.migrations.cli;

import dev.migrations.Migrations;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code downgrade}: runs on the database, or prints the script with {@code --sql START:END}. */
@Command(name = "downgrade", description = "Revert to a previous version.")
final class DowngradeCommand extends RunCommand {
    @Parameters(paramLabel = "REVISION", description = "Revision identifier (e.g. -1, base, ae10, label@-1).")
    String revision;

    DowngradeCommand() {
        super("Needs REVISION as START:END.");
    }

    @Override
    void online() {
        runTo(revision, Migrations::downgrade);
    }

    @Override
    FleetResult overFleet(Fleet fleet) {
        return fleet.downgrade(singleTarget(revision));
    }

    @Override
    String offline(Migrations engine) {
        return engine.downgradeSql(revision);
    }
}
