package dev.migrations.boot;

import dev.migrations.ChecksumMismatch;
import dev.migrations.ChecksumMismatchException;
import dev.migrations.LockTimeoutException;
import dev.migrations.MigrationFailedException;
import dev.migrations.MigrationsException;
import dev.migrations.MultipleHeadsException;
import dev.migrations.ScriptException;
import dev.migrations.StartRefusedException;
import java.util.List;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up stopped by the engine into Spring Boot's "APPLICATION FAILED TO START" report:
 * what failed, where, and what to do, naming the property to change where one helps.
 */
class MigrationsFailureAnalyzer extends AbstractFailureAnalyzer<MigrationsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrationsException cause) {
        if (cause instanceof MigrationFailedException failed) {
            return migrationFailed(failed);
        }
        if (cause instanceof LockTimeoutException) {
            return new FailureAnalysis(
                    "The start-up migration could not take the migration lock: " + cause.getMessage(),
                    "Another instance (or a stuck session) is migrating this database. Wait for it to finish and"
                            + " restart, stop it, or raise migrations.lock-wait-timeout (default 10m).",
                    cause);
        }
        if (cause instanceof ChecksumMismatchException mismatch) {
            return checksums(mismatch);
        }
        if (cause instanceof StartRefusedException startup) {
            return new FailureAnalysis(startup.getMessage(), startup.action(), cause);
        }
        if (cause instanceof ScriptException script) {
            return new FailureAnalysis(
                    "A revision script could not be loaded: " + cause.getMessage(),
                    "Fix " + script.path() + (script.line() > 0 ? " at line " + script.line() : "")
                            + " and restart. Scripts are read from migrations.locations.",
                    cause);
        }
        if (cause instanceof MultipleHeadsException) {
            return new FailureAnalysis(
                    "The start-up migration cannot pick a head: " + cause.getMessage(),
                    "Set migrations.target=heads to upgrade every branch, a '<branch>@head' target for one, or"
                            + " merge the heads with 'migrations merge heads -m \"merge\"' and restart.",
                    cause);
        }
        return new FailureAnalysis(
                "The start-up migration failed: " + cause.getMessage(),
                "Check the revision scripts under migrations.locations, the migrations.* settings and the"
                        + " database connection, then restart.",
                cause);
    }

    private static FailureAnalysis migrationFailed(MigrationFailedException e) {
        String where = e.path() + (e.line() > 0 ? ":" + e.line() : "");
        String description = "Revision " + e.revision() + " failed while the application was starting.\n\n"
                + "    Script:              " + where + "\n"
                + "    SQLState:            " + (e.sqlState() == null ? "none" : e.sqlState()) + "\n"
                + "    Database message:    " + databaseMessage(e) + "\n"
                + "    Applied in this run: " + describe(e.appliedInRun(), "nothing") + "\n"
                + "    The database is at:  " + describe(e.databaseAt(), "base");
        String action = "Fix the script " + where + " (or the data it trips over) and restart the application."
                + " Revisions applied before it are committed and do not run again; " + e.revision()
                + " runs again from its start. If it is 'Transactional: false', or the database commits DDL as it"
                + " runs (H2, MySQL), finish or undo its statements that ran before the failure by hand first.";
        return new FailureAnalysis(description, action, e);
    }

    private static String databaseMessage(MigrationFailedException e) {
        Throwable cause = e.getCause();
        String message = cause == null ? null : cause.getMessage();
        if (message == null) {
            return "unknown";
        }
        // PostgreSQL adds "Position: N" and detail lines; the first line is the message.
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

    private static FailureAnalysis checksums(ChecksumMismatchException e) {
        StringBuilder description =
                new StringBuilder("Applied revisions' scripts have changed since they were applied:");
        for (ChecksumMismatch mismatch : e.mismatches()) {
            description.append("\n    ").append(mismatch.describe());
        }
        return new FailureAnalysis(
                description.toString(),
                "Never edit an applied revision: restore the script(s), or put the change in a new revision. If the"
                        + " edit was deliberate and reviewed, record the new checksums with 'migrations checksums"
                        + " --record' and restart, or set migrations.validate-checksums=false to only warn.",
                e);
    }

    private static String describe(List<String> revisions, String none) {
        return revisions.isEmpty() ? none : String.join(", ", revisions);
    }
}
