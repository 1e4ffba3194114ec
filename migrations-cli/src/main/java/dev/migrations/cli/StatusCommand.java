package dev.migrations.cli;

import dev.migrations.ChecksumMismatch;
import dev.migrations.MigrationStatus;
import dev.migrations.fleet.TenantOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code status}: exit 0 when the database (over a fleet: every tenant) is at its target, 3 when
 * migrations are pending.
 */
@Command(
        name = "status",
        description =
                "Show whether the database is at the target revision: exit 0 if so, 3 if migrations are" + " pending.")
final class StatusCommand extends Subcommand {
    /** Exit code when revisions are pending. */
    static final int EXIT_PENDING = 3;

    @Parameters(
            arity = "0..1",
            paramLabel = "TARGET",
            defaultValue = "heads",
            description = "The target to compare with (default: heads).")
    String target;

    @Mixin
    TenantOptions tenants;

    @Override
    public Integer call() {
        FleetRun fleet = fleet(tenants);
        if (fleet != null) {
            return fleet.run(tenantFleet -> tenantFleet.status(target), StatusCommand::tenantLine);
        }
        MigrationStatus status = online("status").status(target);
        if (json()) {
            println(Json.status(status));
        } else {
            println("Current: " + (status.current().isEmpty() ? "base" : String.join(", ", status.current())));
            println("Target:  " + target
                    + (status.targetRevisions().isEmpty()
                            ? ""
                            : " (" + String.join(", ", status.targetRevisions()) + ")"));
            if (status.upToDate()) {
                println("Up to date.");
            } else {
                println("Pending: " + status.pending().size() + " revision(s), in run order: "
                        + String.join(", ", status.pending()));
            }
            for (ChecksumMismatch mismatch : status.checksumMismatches()) {
                println("Changed: " + mismatch.describe());
            }
        }
        return status.upToDate() ? 0 : EXIT_PENDING;
    }

    /** A tenant's line: where it is, and what is pending in run order. */
    private static String tenantLine(TenantOutcome outcome) {
        String at = outcome.current().isEmpty() ? "base" : String.join(", ", outcome.current());
        return outcome.pending().isEmpty()
                ? outcome.tenant() + ": up to date at " + at
                : outcome.tenant() + ": at " + at + ", pending "
                        + outcome.pending().size() + " revision(s): " + String.join(", ", outcome.pending());
    }
}
