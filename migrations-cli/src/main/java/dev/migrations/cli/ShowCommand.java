package dev.migrations.cli;

import dev.migrations.RevisionInfo;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code show}: the verbose entry of each revision a symbol names. */
@Command(name = "show", description = "Show the revision(s) denoted by the given symbol.")
final class ShowCommand extends Subcommand {
    @Parameters(paramLabel = "REV", description = "String revision target ('current' needs a database).")
    String rev;

    @Override
    public Integer call() {
        List<RevisionInfo> revisions;
        if (rev.equals("current")) {
            revisions = new ArrayList<>();
            for (String row : online("show current").currentRows()) {
                revisions.addAll(migrations().graph().show(row));
            }
        } else {
            revisions = migrations().graph().show(rev);
        }
        if (json()) {
            printJson(revisions);
            return 0;
        }
        for (RevisionInfo revision : revisions) {
            println(AlembicFormat.logEntry(revision));
        }
        return 0;
    }
}
