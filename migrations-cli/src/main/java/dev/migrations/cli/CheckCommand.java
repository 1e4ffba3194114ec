package dev.migrations.cli;

import picocli.CommandLine.Command;

/** {@code check}: whether autogenerate would find changes; arrives with autogenerate. */
@Command(name = "check", description = "Check if revision command with autogenerate has pending upgrade ops.")
final class CheckCommand extends Subcommand {
    @Override
    public Integer call() {
        rejectJson();
        throw failed("'check' is not available yet; it arrives with autogenerate");
    }
}
