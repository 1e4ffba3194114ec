package dev.migrations.cli;

import dev.migrations.RevisionInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code history}: revisions newest first, optionally within a range. */
@Command(name = "history", description = "List changeset scripts in chronological order.")
final class HistoryCommand extends Subcommand {
    @Option(
            names = {"-r", "--rev-range"},
            paramLabel = "RANGE",
            description = "Specify a revision range; format is [start]:[end]. A range that starts with '-' is"
                    + " given as -r=-1:head.")
    String revRange;

    @Option(
            names = {"-v", "--verbose"},
            description = "Use more verbose output.")
    boolean verbose;

    @Option(
            names = {"-i", "--indicate-current"},
            description = "Indicate the current revision (needs a database).")
    boolean indicateCurrent;

    @Override
    public Integer call() {
        boolean needsRows = indicateCurrent || (revRange != null && revRange.contains("current"));
        List<String> rows = needsRows
                ? online(indicateCurrent ? "history -i" : "history -r current").currentRows()
                : null;
        List<RevisionInfo> revisions = migrations().graph().history(revRange, rows);
        if (json()) {
            printJson(revisions);
            return 0;
        }
        // Alembic marks (current) only with -i: 'current' in a range only bounds the listing.
        Set<String> current = indicateCurrent ? new HashSet<>(rows) : Set.of();
        for (RevisionInfo rev : revisions) {
            println(AlembicFormat.historyEntry(rev, current.contains(rev.id()), verbose));
        }
        return 0;
    }
}
