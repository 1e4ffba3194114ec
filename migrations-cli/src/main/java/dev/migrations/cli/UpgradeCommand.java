package dev.migrations.cli;

import dev.migrations.Migrations;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code upgrade}: runs on the database, or prints the script with {@code --sql}. */
@Command(name = "upgrade", description = "Upgrade to a later version.")
final class UpgradeCommand extends RunCommand {
    @Option(
            names = "--sql",
            description = "Don't emit SQL to database - dump to standard output instead. With --sql, REVISION may"
                    + " be START:END.")
    boolean sql;

    @Parameters(paramLabel = "REVISION", description = "Revision identifier.")
    String revision;

    @Override
    boolean sql() {
        return sql;
    }

    @Override
    void online() {
        String target = singleTarget(revision);
        onlineOrSql("upgrade").upgrade(target);
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
