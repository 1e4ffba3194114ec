package dev.migrations.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code downgrade}: runs on the database, or prints the script with {@code --sql START:END}. */
@Command(name = "downgrade", description = "Revert to a previous version.")
final class DowngradeCommand extends Subcommand {
    @Option(
            names = "--sql",
            description = "Don't emit SQL to database - dump to standard output instead. Needs REVISION as START:END.")
    boolean sql;

    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "Arbitrary 'tag' name; accepted for Alembic compatibility, not used.")
    String tag;

    @Parameters(paramLabel = "REVISION", description = "Revision identifier (e.g. -1, base, ae10, label@-1).")
    String revision;

    @Override
    public Integer call() {
        rejectJson();
        if (!sql) {
            if (revision.contains(":")) {
                throw failed("Range revision not allowed");
            }
            onlineOrSql("downgrade").downgrade(revision);
            return 0;
        }
        parent.settings().requireSqlDialect();
        print(migrations().downgradeSql(revision));
        return 0;
    }
}
