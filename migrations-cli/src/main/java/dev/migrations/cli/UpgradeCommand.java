package dev.migrations.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code upgrade}: runs on the database, or prints the script with {@code --sql}. */
@Command(name = "upgrade", description = "Upgrade to a later version.")
final class UpgradeCommand extends Subcommand {
    @Option(
            names = "--sql",
            description = "Don't emit SQL to database - dump to standard output instead. With --sql, REVISION may"
                    + " be START:END.")
    boolean sql;

    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "Arbitrary 'tag' name; accepted for Alembic compatibility, not used.")
    String tag;

    @Parameters(paramLabel = "REVISION", description = "Revision identifier.")
    String revision;

    @Override
    public Integer call() {
        rejectJson();
        if (!sql) {
            if (revision.contains(":")) {
                throw failed("Range revision not allowed");
            }
            onlineOrSql("upgrade").upgrade(revision);
            return 0;
        }
        parent.settings().requireSqlDialect();
        print(migrations().upgradeSql(revision));
        return 0;
    }
}
