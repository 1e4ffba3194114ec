package dev.migrations.internal.runtime;

import dev.migrations.MigrationsException;
import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.script.RevisionScript;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-statement progress of revisions that run outside a transaction ({@code Transactional: false},
 * or any revision where DDL is not transactional): a row in {@code <version table>_partial} says how
 * many statements of which revision completed. It is written before and after each statement and
 * removed in the same transaction as the step's version-table update, so a row only survives a run
 * that stopped half-way (a crash, a dropped connection, a failed statement). The next run finds it
 * and refuses, saying exactly where the revision stopped and which command recovers; {@code stamp}
 * clears it. The table is created on the first non-transactional revision only.
 */
final class StatementProgress {
    private static final Logger LOG = LoggerFactory.getLogger(StatementProgress.class);
    private static final String SUFFIX = "_partial";

    private final Connection connection;
    private final String qualified;
    private boolean created;

    StatementProgress(Connection connection, Dialect dialect, String schema, String table) {
        this.connection = connection;
        this.qualified = dialect.qualified(schema, table + SUFFIX);
    }

    /** Statement {@code index} (0-based) of the step's revision is about to run. */
    void starting(Step step, RevisionScript script, int index, int total, int line) {
        try {
            if (!created) {
                try (Statement st = connection.createStatement()) {
                    st.execute("CREATE TABLE IF NOT EXISTS " + qualified + " (\n"
                            + "    revision VARCHAR(32) NOT NULL PRIMARY KEY,\n"
                            + "    direction VARCHAR(16) NOT NULL,\n"
                            + "    statements_done INT NOT NULL,\n"
                            + "    statements_total INT NOT NULL,\n"
                            + "    next_line INT NOT NULL,\n"
                            + "    path VARCHAR(1000) NOT NULL,\n"
                            + "    started_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL\n"
                            + ")");
                }
                created = true;
            }
            if (update(script.revision(), index, line) == 0) {
                try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + qualified
                        + " (revision, direction, statements_done, statements_total, next_line, path)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, script.revision());
                    ps.setString(2, step.name());
                    ps.setInt(3, index);
                    ps.setInt(4, total);
                    ps.setInt(5, line);
                    ps.setString(6, script.path());
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new JdbcSink.BookkeepingFailure("could not record the progress of " + script.revision(), e);
        }
    }

    /** Statement {@code index} completed; the next one starts at {@code nextLine} (0 after the last). */
    void completed(RevisionScript script, int index, int nextLine) {
        try {
            update(script.revision(), index + 1, nextLine);
        } catch (SQLException e) {
            throw new JdbcSink.BookkeepingFailure("could not record the progress of " + script.revision(), e);
        }
    }

    private int update(String revision, int done, int nextLine) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE " + qualified + " SET statements_done = ?, next_line = ? WHERE revision = ?")) {
            ps.setInt(1, done);
            ps.setInt(2, nextLine);
            ps.setString(3, revision);
            return ps.executeUpdate();
        }
    }

    /** The revision finished: its row goes, in the transaction of its version-table update. */
    void finished(String revision) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + qualified + " WHERE revision = ?")) {
            ps.setString(1, revision);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new JdbcSink.BookkeepingFailure("could not clear the progress of " + revision, e);
        }
    }

    /**
     * Whether a revision was left half-applied (the next run refuses; see {@link #guard}); the caller
     * has checked that the progress table exists.
     */
    static boolean pending(Connection connection, Dialect dialect, String schema, String table) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + dialect.qualified(schema, table + SUFFIX))) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    /**
     * Before a run: a revision left half-applied stops it with where it stopped and how to recover;
     * {@code stamp} (the user saying where the database is) clears the record instead.
     */
    static void guard(
            Connection connection, Dialect dialect, String schema, String table, String command, List<String> rows)
            throws SQLException {
        if (!JdbcSupport.tableExists(connection, dialect, schema, table + SUFFIX)) {
            return;
        }
        String qualified = dialect.qualified(schema, table + SUFFIX);
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT revision, direction, statements_done, statements_total,"
                        + " next_line, path FROM " + qualified + " ORDER BY started_at")) {
            if (!rs.next()) {
                return;
            }
            String revision = rs.getString(1);
            String direction = rs.getString(2);
            int done = rs.getInt(3);
            int total = rs.getInt(4);
            int nextLine = rs.getInt(5);
            String path = rs.getString(6);
            if (!command.equals("stamp")) {
                throw new MigrationsException(describe(revision, direction, done, total, nextLine, path, rows));
            }
            try (Statement delete = connection.createStatement()) {
                delete.execute("DELETE FROM " + qualified);
            }
            LOG.warn(
                    "Cleared the record of revision {} left half-applied ({} of {} statements done); the stamp says"
                            + " where the database is",
                    revision,
                    done,
                    total);
        }
    }

    private static String describe(
            String revision, String direction, int done, int total, int nextLine, String path, List<String> rows) {
        String current = rows.isEmpty() ? "base" : String.join(" ", rows);
        StringBuilder m = new StringBuilder("Revision ")
                .append(revision)
                .append(" (")
                .append(path)
                .append(") is not transactional and its ")
                .append(direction)
                .append(" stopped half-way: ")
                .append(done)
                .append(" of ")
                .append(total)
                .append(" statements completed");
        if (done < total) {
            m.append("; statement ").append(done + 1);
            if (nextLine > 0) {
                m.append(" (line ").append(nextLine).append(')');
            }
            m.append(" may have started and may or may not have taken effect (CREATE INDEX CONCURRENTLY leaves an"
                    + " INVALID index behind)");
        }
        m.append(". The version table still says ").append(current);
        if (done >= total && direction.equals("upgrade")) {
            return m.append(". Its statements all ran but its version row was not written: run 'migrations stamp ")
                    .append(revision)
                    .append("'.")
                    .toString();
        }
        m.append(". Nothing runs until this is resolved: either finish statements ")
                .append(Math.min(done + 1, total))
                .append('-')
                .append(total)
                .append(" of ")
                .append(path)
                .append(" by hand and run 'migrations stamp ")
                .append(direction.equals("upgrade") ? revision : "<the revision below " + revision + ">")
                .append("', or ")
                .append(done == 0 ? "if it did not take effect" : "undo statements 1-" + done + " by hand and")
                .append(" run 'migrations stamp ")
                .append(rows.isEmpty() ? "base" : current)
                .append("' so that the next '")
                .append(direction)
                .append("' runs ")
                .append(revision)
                .append(" from its start.");
        return m.toString();
    }
}
