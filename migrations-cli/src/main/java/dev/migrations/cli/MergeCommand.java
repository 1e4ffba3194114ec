package dev.migrations.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code merge}: writes a revision that merges heads. */
@Command(name = "merge", description = "Merge two revisions together. Creates a new migration file.")
final class MergeCommand extends Subcommand {
    @Mixin
    NewRevisionOptions newRevision = new NewRevisionOptions();

    @Parameters(
            arity = "1..*",
            paramLabel = "REVISIONS",
            description = "One or more revisions, or 'heads' for all heads")
    List<String> revisions;

    @Override
    public Integer call() {
        rejectJson();
        Path path = migrations().merge(revisions, newRevision.message, newRevision.branchLabels, newRevision.revId);
        println("Generating " + path.toAbsolutePath() + " ...  done");
        return 0;
    }
}
