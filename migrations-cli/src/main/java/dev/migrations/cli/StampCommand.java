package dev.migrations.cli;

import dev.migrations.Migrations;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetResult;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stamp}: sets the version table without running migrations; offline with {@code --sql}. */
@Command(name = "stamp", description = "'stamp' the revision table with the given revision; don't run any migrations.")
final class StampCommand extends RunCommand {
    @Option(names = "--purge", description = "Unconditionally erase the version table before stamping.")
    boolean purge;

    @Parameters(arity = "1..*", paramLabel = "REVISION", description = "Revision identifier(s).")
    List<String> revisions;

    StampCommand() {
        super("With --sql, a REVISION may be START:REV (one START for all).");
    }

    @Override
    void checkSql() {
        if (purge) {
            throw failed("Can't use --purge with --sql mode");
        }
    }

    @Override
    void online() {
        Migrations engine = onlineOrSql("stamp");
        if (purge) {
            engine.purgeAndStamp(revisions);
        } else {
            engine.stamp(revisions);
        }
    }

    @Override
    FleetResult overFleet(Fleet fleet) {
        if (purge) {
            throw failed("stamp --purge empties one database's version table and is not run over a fleet;"
                    + " stamp the tenants without --purge, or purge one tenant's database on its own");
        }
        return fleet.stamp(revisions);
    }

    @Override
    String offline(Migrations engine) {
        return engine.stampSql(revisions);
    }
}
