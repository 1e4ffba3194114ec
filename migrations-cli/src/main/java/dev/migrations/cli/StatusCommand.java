package dev.migrations.cli;

import dev.migrations.ChecksumMismatch;
import dev.migrations.MigrationStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code status}: exit 0 when the database is at its target, 3 when migrations are pending. */
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

    @Override
    public Integer call() {
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
}
