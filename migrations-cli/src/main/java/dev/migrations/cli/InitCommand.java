package dev.migrations.cli;

import dev.migrations.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code init}: creates a scripts directory. */
@Command(name = "init", description = "Initialize a new scripts directory.")
final class InitCommand extends Subcommand {
    @Parameters(
            arity = "0..1",
            paramLabel = "DIR",
            description = "Location of scripts directory (default: the first filesystem --location, else"
                    + " db/migrations).")
    Path directory;

    @Override
    public Integer call() {
        rejectJson();
        Path dir = directory != null ? directory : scriptsDirectory();
        String shown = dir.toAbsolutePath().normalize().toString();
        boolean existed = Files.isDirectory(dir);
        Migrations.init(dir);
        if (!existed) {
            // Alembic: "Creating directory '<abs path>' ...  done" (the path as a Python repr).
            println("Creating directory '" + shown + "' ...  done");
        }
        String location = directory == null ? "" : "--location " + dir + " ";
        println("Please add revisions with 'migrations " + location + "revision -m \"<message>\"' in '" + shown
                + "' before proceeding.");
        return 0;
    }
}
