package dev.migrations.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What {@code revision} and {@code merge} both ask of the revision they write: its message, labels and id. */
final class NewRevisionOptions {
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
}
