package dev.migrations.cli;

import dev.migrations.RevisionInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code heads}: the heads of the revision graph, as Alembic prints them. */
@Command(name = "heads", description = "Show current available heads in the script directory.")
final class HeadsCommand extends Subcommand {
    @Option(
            names = {"-v", "--verbose"},
            description = "Use more verbose output.")
    boolean verbose;

    @Option(names = "--resolve-dependencies", description = "Treat dependency versions as down revisions.")
    boolean resolveDependencies;

    @Override
    public Integer call() {
        List<RevisionInfo> heads = resolveDependencies
                ? migrations().graph().headsResolvingDependencies()
                : migrations().graph().heads();
        if (json()) {
            printJson(heads);
            return 0;
        }
        for (RevisionInfo head : heads) {
            println(AlembicFormat.headsEntry(head, verbose));
        }
        return 0;
    }
}
