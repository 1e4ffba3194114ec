package dev.migrations.cli;

import dev.migrations.adopt.Adoption;
import dev.migrations.adopt.AdoptionProblem;
import dev.migrations.adopt.AdoptionReport;
import dev.migrations.adopt.SourceTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code adopt flyway|liquibase}: checks the tool's history against the imported revisions and stamps the
 * version table at the last applied one; runs nothing and leaves the tool's table as it is.
 */
@Command(
        name = "adopt",
        description = "Take over a database from Flyway or Liquibase: check its history against the imported"
                + " revisions, then stamp the version table without running anything.")
final class AdoptCommand extends Subcommand {
    /** Exit code of {@code --check} when the database cannot be adopted. */
    static final int EXIT_NOT_ADOPTABLE = 1;

    @Parameters(index = "0", paramLabel = "TOOL", description = "flyway or liquibase.")
    SourceTool tool;

    @Option(
            names = "--history-table",
            paramLabel = "TABLE",
            description = "The tool's history table, [schema.]name (default: flyway_schema_history or"
                    + " databasechangelog).")
    String historyTable;

    @Option(names = "--check", description = "Only check and report (exit 1 if it cannot be adopted); stamp nothing.")
    boolean check;

    @Override
    public Integer call() {
        rejectJson();
        var engine = online("adopt " + tool.command());
        if (check) {
            AdoptionReport report = Adoption.check(engine, tool, historyTable);
            for (AdoptionProblem problem : report.problems()) {
                println(problem.describe());
            }
            println(
                    report.adoptable()
                            ? "Adoptable: " + report.appliedMigrations()
                                    + " applied migration(s) match; 'adopt' would stamp "
                                    + (report.revision() == null ? "base" : report.revision()) + "."
                            : "Not adoptable: " + report.problems().size() + " problem(s); nothing was written.");
            return report.adoptable() ? 0 : EXIT_NOT_ADOPTABLE;
        }
        AdoptionReport report = Adoption.adopt(engine, tool, historyTable);
        println("Checked " + report.appliedMigrations() + " applied migration(s) in " + report.historyTable()
                + ": all match the imported revisions. Stamped "
                + (report.revision() == null ? "base" : report.revision()) + "; nothing was run and "
                + report.historyTable() + " is unchanged.");
        return 0;
    }
}
