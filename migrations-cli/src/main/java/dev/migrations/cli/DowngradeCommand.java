package dev.migrations.cli;

import dev.migrations.Migrations;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code downgrade}: runs on the database, or prints the script with {@code --sql START:END}. */
@Command(name = "downgrade", description = "Revert to a previous version.")
final class DowngradeCommand extends RunCommand {
    @Option(
            names = "--sql",
            description = "Don't emit SQL to database - dump to standard output instead. Needs REVISION as START:END.")
    boolean sql;

    @Parameters(paramLabel = "REVISION", description = "Revision identifier (e.g. -1, base, ae10, label@-1).")
    String revision;

    @Override
    boolean sql() {
        return sql;
    }

    @Override
    void online() {
        String target = singleTarget(revision);
        onlineOrSql("downgrade").downgrade(target);
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
