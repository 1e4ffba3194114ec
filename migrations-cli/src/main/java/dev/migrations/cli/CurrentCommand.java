package dev.migrations.cli;

import dev.migrations.RevisionInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code current}: the database's revisions, reduced to branch tips. */
@Command(name = "current", description = "Display the current revision for a database.")
final class CurrentCommand extends Subcommand {
    @Option(
            names = {"-v", "--verbose"},
            description = "Use more verbose output.")
    boolean verbose;

    @Override
    public Integer call() {
        List<String> rows = database().currentRows("current");
        List<RevisionInfo> current = migrations().current(rows);
        if (json()) {
            printJson(current);
            return 0;
        }
        // Alembic's verbose header names the database URL with the password hidden; it arrives
        // with the online release, together with the connection it describes.
        for (RevisionInfo rev : current) {
            println(AlembicFormat.cmdFormat(rev, false, verbose, false, false, false, true));
        }
        return 0;
    }
}
