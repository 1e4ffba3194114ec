package dev.migrations.internal.runtime;

import dev.migrations.AppliedStep;
import dev.migrations.MigrationFailedException;
import dev.migrations.MigrationsException;
import dev.migrations.internal.script.RevisionScript;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Advice for database errors the run's bookkeeping meets, and errors for a session that ended under a run (server restart, {@code pg_terminate_backend}, a
 * network drop): the server's own message and what to do, instead of the "connection has been
 * closed" that the next call on the dead connection reports.
 */
final class ConnectionLoss {
    private ConnectionLoss() {}

    /** Whether an error means the session is gone (SQLState class 08, or the server ending it: 57P0x). */
    static boolean lost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /**
     * What to do about a database error the run's own bookkeeping met (creating or writing the
     * version and history tables), for the errors a configuration causes; empty for others.
     */
    static String advice(SQLException e) {
        String state = e.getSQLState();
        if ("42501".equals(state)) {
            return ". The database user may not create or change the migration tables: grant it CREATE on the"
                    + " schema, or give migrations a user with DDL rights (--user/--password, migrations.user and"
                    + " migrations.password).";
        }
        if ("25006".equals(state)) {
            return ". The database only allows reading (default_transaction_read_only, or a standby): point"
                    + " migrations at the writable primary.";
        }
        return "";
    }

    /** The session ended outside a statement (taking the lock, bookkeeping, committing). */
    static MigrationsException duringRun(String command, String detail, SQLException cause) {
        return new MigrationsException(
                "Lost the connection to the database during '" + command + "': " + detail + ". Each revision"
                        + " commits with its version row, so the database is at the last one committed ('migrations"
                        + " current' shows it); run '" + command + "' again once the database is reachable.",
                cause);
    }

    /** The session ended under a revision's statement. */
    static MigrationFailedException duringStatement(
            String command,
            RevisionScript script,
            int line,
            SQLException cause,
            List<AppliedStep> committed,
            String appliedSentence,
            String serverMessage) {
        List<String> applied = new ArrayList<>();
        for (AppliedStep step : committed) {
            if (step.revision() != null) {
                applied.add(step.revision());
            }
        }
        String state = cause.getSQLState() == null ? "" : " [SQLState " + cause.getSQLState() + "]";
        String message = "Revision " + script.revision() + " (" + script.path() + ":" + line
                + ") failed: the connection to the database was lost: " + serverMessage + state + "."
                + appliedSentence
                + (script.transactional()
                        ? " Its transaction ended with the session, so nothing of " + script.revision()
                                + " stays applied;"
                        : " It is not transactional: the next run reports how far it got;")
                + " run '" + command + "' again once the database is reachable.";
        return new MigrationFailedException(
                message, script.revision(), script.path(), line, cause.getSQLState(), applied, List.of(), cause);
    }
}
