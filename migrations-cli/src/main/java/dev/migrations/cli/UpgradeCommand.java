package dev.migrations.cli;

import dev.migrations.Migrations;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code upgrade}: runs on the database, or prints the script with {@code --sql}. */
@Command(name = "upgrade", description = "Upgrade to a later version.")
final class UpgradeCommand extends RunCommand {
    @Parameters(paramLabel = "REVISION", description = "Revision identifier.")
    String revision;

    UpgradeCommand() {
        super("With --sql, REVISION may be START:END.");
    }

    @Override
    void online() {
        runTo(revision, Migrations::upgrade);
    }

    @Override
    FleetResult overFleet(Fleet fleet) {
        return fleet.upgrade(singleTarget(revision));
    }

    @Override
    String offline(Migrations engine) {
        return engine.upgradeSql(revision);
    }
}
