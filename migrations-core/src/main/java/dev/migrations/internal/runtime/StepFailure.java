package dev.migrations.internal.runtime;

import dev.migrations.AppliedStep;
import dev.migrations.MigrationFailedException;
import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.script.RevisionScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A revision that failed during a run: a script's statement (its line in the file) or a Java
 * migration (the line in its source, or 0), and how the run reports it: the revision, where, the
 * database's message and SQLState, what the run applied, whether the failed revision left
 * statements behind, and where the database now is.
 *
 * @param script the revision's script
 * @param line the failed statement's line, or the Java migration's line (0 when unknown)
 * @param cause the database's or the migration's error
 * @param note sentences to add before where the database is (e.g. about retries), or empty
 */
record StepFailure(RevisionScript script, int line, Throwable cause, String note) {

    StepFailure(RevisionScript script, int line, Throwable cause) {
        this(script, line, cause, "");
    }

    /**
     * Rolls back what the revision's transaction holds, reads where the database now is and makes
     * the exception the run throws; when the session ended under the statement, the statement's
     * error with what to do about a lost connection.
     */
    MigrationFailedException report(
            Connection connection, Dialect dialect, String schema, String table, String command, JdbcSink sink)
            throws SQLException {
        boolean rolledBack = sink.inTransaction();
        List<String> rows;
        try {
            sink.rollback();
            rows = JdbcSupport.readRows(connection, dialect, schema, table);
        } catch (SQLException lost) {
            SQLException statementError = cause instanceof SQLException e ? e : null;
            if ((statementError == null || !ConnectionLoss.lost(statementError)) && !ConnectionLoss.lost(lost)) {
                throw lost;
            }
            // The session ended under the statement: report the statement's error, not the closed socket's.
            SQLException reported = statementError != null ? statementError : lost;
            return ConnectionLoss.duringStatement(
                    command,
                    script,
                    line,
                    reported,
                    sink.committed(),
                    appliedSentence(sink.committed()),
                    firstLine(reported.getMessage()));
        }
        List<String> applied = new ArrayList<>();
        for (AppliedStep step : sink.committed()) {
            if (step.revision() != null) {
                applied.add(step.revision());
            }
        }
        StringBuilder message = new StringBuilder();
        message.append("Revision ")
                .append(script.revision())
                .append(" (")
                .append(where())
                .append(") failed: ")
                .append(reason())
                .append('.');
        message.append(appliedSentence(sink.committed()));
        if (!rolledBack && !script.transactional()) {
            message.append(" Revision ")
                    .append(script.revision())
                    .append(" is not transactional: its statements ")
                    .append(before())
                    .append(" were applied and stay applied;" + " finish or undo them by hand before running again.");
        } else if (!rolledBack && !dialect.transactionalDdl()) {
            message.append(" ")
                    .append(dialect.name())
                    .append(" commits DDL as it runs: statements of ")
                    .append(script.revision())
                    .append(" ")
                    .append(before())
                    .append(" may have been applied.");
        }
        message.append(note);
        message.append(" The database is at ")
                .append(LockedRun.describeRows(rows))
                .append(script.isJava() ? "; fix the migration and run '" : "; fix the script and run '")
                .append(command)
                .append("' again.");
        return new MigrationFailedException(
                message.toString(), script.revision(), script.path(), line, sqlStateOf(), applied, rows, cause);
    }

    /** The sentence naming what a run applied before it stopped: revisions, or stamps described. */
    static String appliedSentence(List<AppliedStep> applied) {
        List<String> ids = new ArrayList<>();
        for (AppliedStep step : applied) {
            ids.add(step.revision() == null ? step.describe() : step.revision());
        }
        return " Applied in this run: " + (ids.isEmpty() ? "nothing" : String.join(", ", ids)) + ".";
    }

    /** An error message's first line ("unknown error" for none). */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String trimmed = message.strip();
        // PostgreSQL appends "Position: N" and detail lines; the first line carries the message.
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

    private String where() {
        if (script.isJava()) {
            return line > 0 ? script.path() + ", line " + line : script.path();
        }
        return script.path() + ':' + line;
    }

    private String sqlStateOf() {
        return cause instanceof SQLException e ? e.getSQLState() : null;
    }

    private String reason() {
        return cause instanceof SQLException e
                ? firstLine(e.getMessage()) + OnlineRunner.sqlState(e)
                : firstLine(JavaMigrationFailure.describe(cause));
    }

    private String before() {
        return script.isJava() ? "before the failure" : "before line " + line;
    }
}
