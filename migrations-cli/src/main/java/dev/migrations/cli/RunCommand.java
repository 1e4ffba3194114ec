package dev.migrations.cli;

import dev.migrations.Migrations;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetResult;
import java.util.function.BiConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code upgrade}, {@code downgrade} and {@code stamp}: each runs on the database, or over a fleet of
 * tenants ({@link TenantOptions}), or with {@code --sql} prints the script it would run (Alembic's
 * offline mode). Only a fleet run has a JSON form (its summary).
 */
@Command(modelTransformer = RunCommand.SqlHelp.class)
abstract class RunCommand extends Subcommand {
    @Option(names = "--sql", description = "Don't emit SQL to database - dump to standard output instead.")
    boolean sql;

    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "Arbitrary 'tag' name; accepted for Alembic compatibility, not used.")
    String tag;

    @Mixin
    TenantOptions tenants;

    private final String sqlRevisions;

    /** @param sqlRevisions what {@code --sql} lets REVISION be in this command, the end of the option's help */
    RunCommand(String sqlRevisions) {
        this.sqlRevisions = sqlRevisions;
    }

    /** Runs on the database; a check that needs no database comes before asking for it. */
    abstract void online();

    /** The script {@code --sql} prints. */
    abstract String offline(Migrations engine);

    /** The verb over every tenant of the fleet. */
    abstract FleetResult overFleet(Fleet fleet);

    /** Refuses what does not go with {@code --sql}, before the settings and scripts are read. */
    void checkSql() {}

    /** The revision as an online target; a range is refused before a database is asked for, as Alembic does. */
    static String singleTarget(String revision) {
        if (revision.contains(":")) {
            throw failed("Range revision not allowed: a range start:end only renders offline SQL (add --sql); a run on"
                    + " the database takes one target revision");
        }
        return revision;
    }

    /** Runs to one revision on the database. */
    final void runTo(String revision, BiConsumer<Migrations, String> run) {
        String target = singleTarget(revision);
        run.accept(onlineOrSql(spec.name()), target);
    }

    @Override
    public final Integer call() {
        if (sql) {
            checkSql();
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

    /**
     * Ends the shared {@code --sql} option's help with the command's own sentence: the option is
     * declared once, but what REVISION may be with it differs by command.
     */
    static final class SqlHelp implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            OptionSpec sql = spec.findOption("--sql");
            String own = ((RunCommand) spec.userObject()).sqlRevisions;
            spec.remove(sql);
            spec.addOption(sql.toBuilder()
                    .description(String.join(" ", sql.description()) + " " + own)
                    .build());
            return spec;
        }
    }
}
