package dev.migrations.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of the command line inside the test's JVM ({@link MigrationsCommand#run}): its exit code
 * and what it printed to standard output and standard error.
 *
 * @param exit the exit code
 * @param out standard output
 * @param err standard error
 */
record CliRun(int exit, String out, String err) {

    /** Runs the command line with this environment (in place of the process's) and these arguments. */
    static CliRun of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MigrationsCommand.run(new PrintWriter(out), new PrintWriter(err), env, args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Runs the command line on the scripts directory ({@code --location scripts} before the arguments). */
    static CliRun in(Path scripts, Map<String, String> env, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--location";
        all[1] = scripts.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return of(env, all);
    }

    /**
     * Writes {@code <id>_rev.sql} into the scripts directory (made when missing): a revision {@code
     * id} revising {@code revises} (empty for a root) with the upgrade and downgrade SQL.
     */
    static void script(Path scripts, String id, String revises, String up, String down) throws IOException {
        Files.createDirectories(scripts);
        String text = "-- revision " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises
                + "\n\n-- migrate:upgrade\n" + up + "\n\n-- migrate:downgrade\n" + down + "\n";
        Files.writeString(scripts.resolve(id + "_rev.sql"), text, StandardCharsets.UTF_8);
    }
}
