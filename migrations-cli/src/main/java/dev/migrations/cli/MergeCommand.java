package dev.migrations.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code merge}: writes a revision that merges heads. */
@Command(name = "merge", description = "Merge two revisions together. Creates a new migration file.")
final class MergeCommand extends Subcommand {
    @Option(
            names = {"-m", "--message"},
            paramLabel = "MESSAGE",
            description = "Message string to use with 'revision'")
    String message;

    @Option(
            names = "--branch-label",
            paramLabel = "LABEL",
            description = "Specify a branch label to apply to the new revision (repeatable).")
    List<String> branchLabels = new ArrayList<>();

    @Option(
            names = "--rev-id",
            paramLabel = "ID",
            description = "Specify a hardcoded revision id instead of generating one")
    String revId;

    @Parameters(
            arity = "1..*",
            paramLabel = "REVISIONS",
            description = "One or more revisions, or 'heads' for all heads")
    List<String> revisions;

    @Override
    public Integer call() {
        rejectJson();
        Path path = migrations().merge(revisions, message, branchLabels, revId);
        println("Generating " + path.toAbsolutePath() + " ...  done");
        return 0;
    }
}
