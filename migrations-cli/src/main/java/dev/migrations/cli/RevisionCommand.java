package dev.migrations.cli;

import dev.migrations.NewRevision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code revision}: writes a new revision script. */
@Command(name = "revision", description = "Create a new revision file.")
final class RevisionCommand extends Subcommand {
    @Option(
            names = {"-m", "--message"},
            paramLabel = "MESSAGE",
            description = "Message string to use with 'revision'")
    String message;

    @Option(
            names = "--autogenerate",
            description = "Populate revision script with candidate migration operations, based on comparison of"
                    + " database to model.")
    boolean autogenerate;

    @Option(
            names = "--sql",
            description = "Don't emit SQL to database - dump to standard output instead (only with a revision"
                    + " environment, which this tool does not have).")
    boolean sql;

    @Option(
            names = "--head",
            paramLabel = "HEAD",
            description = "Specify head revision or <branchname>@head to base new revision on (default: head).")
    String head = "head";

    @Option(names = "--splice", description = "Allow a non-head revision as the 'head' to splice onto")
    boolean splice;

    @Option(
            names = "--branch-label",
            paramLabel = "LABEL",
            description = "Specify a branch label to apply to the new revision (repeatable).")
    List<String> branchLabels = new ArrayList<>();

    @Option(
            names = "--depends-on",
            paramLabel = "REV",
            description =
                    "Specify one or more revision identifiers which this revision should depend on" + " (repeatable).")
    List<String> dependsOn = new ArrayList<>();

    @Option(
            names = "--rev-id",
            paramLabel = "ID",
            description = "Specify a hardcoded revision id instead of generating one")
    String revId;

    @Option(
            names = "--version-path",
            paramLabel = "PATH",
            description = "Specify specific path from config for version file")
    String versionPath;

    @Override
    public Integer call() {
        rejectJson();
        if (autogenerate) {
            if (sql) {
                throw failed("Using --sql with --autogenerate does not make any sense");
            }
            throw failed("--autogenerate is not available yet; it arrives with autogenerate. Write the revision by"
                    + " hand: run 'revision -m MESSAGE' without --autogenerate");
        }
        if (sql) {
            throw failed("Using --sql with the revision command when revision_environment is not configured does"
                    + " not make any sense");
        }
        Path path = migrations()
                .revision(new NewRevision(message, List.of(head), splice, branchLabels, dependsOn, revId, versionPath));
        println("Generating " + path.toAbsolutePath() + " ...  done");
        return 0;
    }
}
