package dev.migrations.cli;

import dev.migrations.Migrations;
import picocli.CommandLine.Option;

/**
 * {@code upgrade}, {@code downgrade} and {@code stamp}: each runs on the database, or with {@code --sql}
 * prints the script it would run (Alembic's offline mode), with one form of output only.
 */
abstract class RunCommand extends Subcommand {
    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "Arbitrary 'tag' name; accepted for Alembic compatibility, not used.")
    String tag;

    /** Whether {@code --sql} was given. */
    abstract boolean sql();

    /** Runs on the database; a check that needs no database comes before asking for it. */
    abstract void online();

    /** The script {@code --sql} prints. */
    abstract String offline(Migrations engine);

    /** The revision as an online target; a range is refused before a database is asked for, as Alembic does. */
    static String singleTarget(String revision) {
        if (revision.contains(":")) {
            throw failed("Range revision not allowed");
        }
        return revision;
    }

    @Override
    public final Integer call() {
        rejectJson();
        if (!sql()) {
            online();
            return 0;
        }
        parent.settings().requireSqlDialect();
        print(offline(migrations()));
        return 0;
    }
}
