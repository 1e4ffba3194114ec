package dev.migrations.cli;

import dev.migrations.RevisionDiagram;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code graph}: a picture of the revision graph, for review (a pull-request comment) and for
 * finding one's way in a large graph; with a database, which revisions it has applied.
 */
@Command(
        name = "graph",
        description = "Draw the revision graph as Mermaid or Graphviz DOT: heads, branch points, merges, branch"
                + " labels and depends_on edges; with a database (--url), applied and pending revisions.")
final class GraphCommand extends Subcommand {
    /** The picture's language. */
    enum Format {
        MERMAID,
        DOT
    }

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "mermaid (default; GitHub and GitLab draw it in comments and Markdown) or dot (Graphviz).")
    Format format = Format.MERMAID;

    @Option(
            names = {"-r", "--rev-range"},
            paramLabel = "RANGE",
            description = "Only the revisions in [start]:[end], as for history, with the revisions just outside"
                    + " that they build on (default: every revision).")
    String revRange;

    @Override
    public Integer call() {
        rejectJson();
        boolean database = parent.settings().url() != null;
        boolean needsRows = database || (revRange != null && revRange.contains("current"));
        List<String> rows = needsRows ? online("graph -r current").currentRows() : null;
        RevisionDiagram diagram = migrations().graph().diagram(revRange, rows);
        print(format == Format.DOT ? GraphPicture.dot(diagram) : GraphPicture.mermaid(diagram));
        return 0;
    }
}
