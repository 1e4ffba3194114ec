package dev.migrations.cli;

import dev.migrations.adopt.Adoption;
import dev.migrations.adopt.AdoptionProblem;
import dev.migrations.adopt.AdoptionReport;
import dev.migrations.adopt.SourceTool;
import dev.migrations.fleet.TenantOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code adopt flyway|liquibase}: checks the tool's history against the imported revisions and stamps the
 * version table at the last applied one; runs nothing and leaves the tool's table as it is. With the tenant
 * options, every tenant's schema or database is adopted on its own.
 */
@Command(
        name = "adopt",
        description = "Take over a database from Flyway or Liquibase: check its history against the imported"
                + " revisions, then stamp the version table without running anything.")
final class AdoptCommand extends Subcommand {
    /** Exit code of {@code --check} when the database (or a tenant) cannot be adopted. */
    static final int EXIT_NOT_ADOPTABLE = 1;

    @Parameters(index = "0", paramLabel = "TOOL", description = "flyway or liquibase.")
    SourceTool tool;

    @Option(
            names = "--history-table",
            paramLabel = "TABLE",
            description = "The tool's history table, [schema.]name (default: flyway_schema_history or"
                    + " databasechangelog, in the current schema; each tenant's schema with tenant options).")
    String historyTable;

    @Option(names = "--check", description = "Only check and report (exit 1 if it cannot be adopted); stamp nothing.")
    boolean check;

    @Mixin
    TenantOptions tenants;

    @Override
    public Integer call() {
        FleetRun fleet = fleet(tenants);
        if (fleet != null) {
            return overFleet(fleet);
        }
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
                                    + " applied migration(s) match; 'adopt' would stamp " + stampedAt(report) + "."
                            : "Not adoptable: " + report.problems().size() + " problem(s); nothing was written.");
            return report.adoptable() ? 0 : EXIT_NOT_ADOPTABLE;
        }
        AdoptionReport report = Adoption.adopt(engine, tool, historyTable);
        println("Checked " + report.appliedMigrations() + " applied migration(s) in " + report.historyTable()
                + ": all match the imported revisions. "
                + (report.stamped()
                        ? "Stamped " + stampedAt(report) + "; nothing was run and "
                        : "Another run adopted the database meanwhile; nothing was written and ")
                + report.historyTable() + " is unchanged.");
        return 0;
    }

    /** Each tenant on its own: a tenant that fails its check fails alone, with nothing written to it. */
    private int overFleet(FleetRun fleet) {
        if (check) {
            int exit = fleet.run(
                    tenantFleet -> tenantFleet.checkAdoption(tool, historyTable),
                    outcome -> outcome.tenant() + ": adoptable; 'adopt' would stamp "
                            + String.join(" ", outcome.pending()));
            return switch (exit) {
                case StatusCommand.EXIT_PENDING -> 0;
                case MigrationsCommand.EXIT_FAILED -> EXIT_NOT_ADOPTABLE;
                default -> exit;
            };
        }
        return fleet.run(tenantFleet -> tenantFleet.adopt(tool, historyTable), AdoptCommand::adopted);
    }

    private static String adopted(TenantOutcome outcome) {
        String at = outcome.current().isEmpty() ? "base" : String.join(" ", outcome.current());
        return outcome.tenant() + ": "
                + (outcome.state() == TenantOutcome.State.MIGRATED
                        ? "adopted, stamped " + at
                        : "adopted before (or by another run meanwhile), at " + at + "; nothing written");
    }

    private static String stampedAt(AdoptionReport report) {
        return report.revision() == null ? "base" : report.revision();
    }
}
