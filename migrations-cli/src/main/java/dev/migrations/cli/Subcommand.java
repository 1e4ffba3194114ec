package dev.migrations.cli;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.RevisionInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the parent's settings and engine, and printing the Alembic way. */
abstract class Subcommand implements Callable<Integer> {
    @ParentCommand
    MigrationsCommand parent;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    final Migrations migrations() {
        return parent.migrations();
    }

    /** The engine with its database, for online commands; fails clearly without {@code --url}. */
    final Migrations online(String command) {
        return parent.online(command, "");
    }

    /** Like {@link #online(String)}, suggesting {@code --sql} when no database is configured. */
    final Migrations onlineOrSql(String command) {
        return parent.online(command, ", or use --sql to print the SQL script instead");
    }

    /**
     * The run over a fleet of tenants that the tenant options (or {@code migrations.tenants.*} of
     * {@code --config}) ask for, or null for a run on one database.
     */
    final FleetRun fleet(TenantOptions tenants) {
        TenantSettings settings = TenantSettings.resolve(tenants, parent);
        return settings == null ? null : new FleetRun(parent, spec.commandLine(), settings);
    }

    /** Alembic's {@code print_stdout}: the text and one newline. */
    final void println(String text) {
        print(text + "\n");
    }

    /** The text exactly as given. */
    final void print(String text) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
    }

    /** Whether {@code --format json} was asked for. */
    final boolean json() {
        return parent.format() == MigrationsCommand.Format.JSON;
    }

    /** Prints revisions as JSON. */
    final void printJson(List<RevisionInfo> revisions) {
        println(Json.revisions(revisions));
    }

    /** For commands whose output has one form only. */
    final void rejectJson() {
        if (json()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--format json is available for heads, branches, history, show and current only (and for"
                            + " runs over a fleet of tenants)");
        }
    }

    /** Where new scripts go: the first filesystem --location, else db/migrations. */
    final Path scriptsDirectory() {
        for (String location : parent.settings().locations()) {
            if (location.startsWith("filesystem:")) {
                return Path.of(location.substring("filesystem:".length()));
            }
            if (!location.startsWith("classpath:")) {
                return Path.of(location);
            }
        }
        return Path.of("db/migrations");
    }

    /** A command error: printed as {@code FAILED: <message>}, exit 255. */
    static MigrationsException failed(String message) {
        return new MigrationsException(message);
    }
}
