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
        List<String> rows = online("current").currentRows();
        List<RevisionInfo> current = migrations().graph().current(rows);
        if (json()) {
            printJson(current);
            return 0;
        }
        if (verbose) {
            println("Current revision(s) for " + Redact.url(parent.settings().url()) + ":");
        }
        for (RevisionInfo rev : current) {
            println(AlembicFormat.cmdFormat(rev, false, verbose, false, false, false, true));
        }
        return 0;
    }
}
