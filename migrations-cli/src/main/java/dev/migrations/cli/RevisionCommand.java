package dev.migrations.cli;

import dev.migrations.Finding;
import dev.migrations.LintOptions;
import dev.migrations.LintReport;
import dev.migrations.Migrations;
import dev.migrations.NewRevision;
import dev.migrations.RevisionInfo;
import dev.migrations.SchemaChanges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code revision}: writes a new revision script. */
@Command(name = "revision", description = "Create a new revision file.")
final class RevisionCommand extends Subcommand {
    @Mixin
    NewRevisionOptions newRevision = new NewRevisionOptions();

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

    // A list because argparse lets Alembic's --head repeat (the last one wins); picocli would refuse
    // a second value of a single-valued option as a usage error.
    @Option(
            names = "--head",
            paramLabel = "HEAD",
            description = "Specify head revision or <branchname>@head to base new revision on (default: head;"
                    + " given more than once, the last one wins, as in Alembic).")
    List<String> heads = new ArrayList<>();

    @Option(names = "--splice", description = "Allow a non-head revision as the 'head' to splice onto")
    boolean splice;

    @Option(
            names = "--depends-on",
            paramLabel = "REV",
            description =
                    "Specify one or more revision identifiers which this revision should depend on" + " (repeatable).")
    List<String> dependsOn = new ArrayList<>();

    @Option(
            names = "--version-path",
            paramLabel = "PATH",
            description = "Specify specific path from config for version file")
    String versionPath;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Override
    public Integer call() {
        rejectJson();
        if (autogenerate) {
            if (sql) {
                throw failed("Using --sql with --autogenerate does not make any sense");
            }
            return autogenerate();
        }
        if (sql) {
            throw failed("Using --sql with the revision command when revision_environment is not configured does"
                    + " not make any sense");
        }
        Path path = migrations().revision(request());
        println("Generating " + path.toAbsolutePath() + " ...  done");
        return 0;
    }

    private NewRevision request() {
        return new NewRevision(
                newRevision.message,
                List.of(heads.isEmpty() ? "head" : heads.get(heads.size() - 1)),
                splice,
                newRevision.branchLabels,
                dependsOn,
                newRevision.revId,
                versionPath);
    }

    /** Compares the database at head with the model and writes the changes as a revision. */
    private int autogenerate() {
        SchemaChanges changes = online("revision --autogenerate")
                .autogenerate(request(), modelOptions.source(parent.settings().classLoader()), modelOptions.excluded());
        if (changes.empty()) {
            println("No changes in schema detected.");
        }
        for (String operation : changes.operations()) {
            println("Detected " + operation);
        }
        if (!changes.reviews().isEmpty()) {
            println(changes.reviews().size() + " item(s) marked '-- REVIEW:' in the revision; read them before"
                    + " applying it");
        }
        println("Generating " + changes.revisionFile().toAbsolutePath() + " ...  done");
        if (!changes.empty()) {
            lintGenerated(changes.revisionFile());
        }
        return 0;
    }

    /**
     * Lints the revision just written, so hazards of the generated DDL on a live database (an index
     * without CONCURRENTLY, a foreign key without NOT VALID) are seen before it is applied.
     */
    private void lintGenerated(Path file) {
        Migrations written = Migrations.load(migrations().config());
        String name = file.getFileName().toString();
        for (RevisionInfo rev : written.graph().revisions()) {
            if (rev.path().endsWith(name)) {
                LintReport report = written.lint(rev.id() + ":" + rev.id(), LintOptions.defaults());
                if (!report.findings().isEmpty()) {
                    println("Lint: " + report.findings().size() + " finding(s) in the new revision; details with"
                            + " 'lint -r " + rev.id() + ":" + rev.id() + "':");
                    for (Finding finding : report.findings()) {
                        println("  line " + finding.line() + ": ["
                                + finding.severity().label() + "] " + finding.rule() + ": " + finding.message());
                    }
                }
                return;
            }
        }
    }
}
