package dev.migrations.cli;

import picocli.CommandLine.Command;

/** {@code lint}: checks revision scripts for risky statements; arrives in a later release. */
@Command(name = "lint", description = "Check revision scripts for statements that are risky on a live database.")
final class LintCommand extends Subcommand {
    @Override
    public Integer call() {
        rejectJson();
        throw failed("'lint' is not available yet; it arrives in a later release");
    }
}
