package dev.migrations.cli;

import dev.migrations.ChecksumMismatch;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code checksums}: lists applied revisions whose scripts changed since they were applied (exit 1
 * when there are any); {@code --record} accepts the current scripts after a deliberate, reviewed edit.
 */
@Command(
        name = "checksums",
        description = "List applied revisions whose scripts changed since they were applied (exit 1 if any);"
                + " --record accepts the scripts as they are now.")
final class ChecksumsCommand extends Subcommand {
    @Option(
            names = "--record",
            description = "Record the scripts' current checksums (all changed ones, or REVISION...).")
    boolean record;

    @Parameters(arity = "0..*", paramLabel = "REVISION", description = "Only these revisions (with --record).")
    List<String> revisions = new ArrayList<>();

    @Override
    public Integer call() {
        rejectJson();
        if (record) {
            List<String> recorded = online("checksums --record").recordChecksums(revisions);
            println(
                    recorded.isEmpty()
                            ? "No changed scripts; nothing recorded."
                            : "Recorded the current checksum of " + String.join(", ", recorded) + ".");
            return 0;
        }
        if (!revisions.isEmpty()) {
            throw failed("REVISION arguments are for --record; 'checksums' alone lists every changed script");
        }
        List<ChecksumMismatch> mismatches = online("checksums").checksumMismatches();
        if (mismatches.isEmpty()) {
            println("All applied scripts match their recorded checksums.");
            return 0;
        }
        for (ChecksumMismatch mismatch : mismatches) {
            println(mismatch.describe());
        }
        println("Restore the scripts, or after a reviewed edit run 'migrations checksums --record'.");
        return 1;
    }
}
