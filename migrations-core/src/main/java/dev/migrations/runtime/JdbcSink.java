package dev.migrations.runtime;

import dev.migrations.AppliedStep;
import dev.migrations.MigrationsException;
import dev.migrations.dialect.Dialect;
import dev.migrations.script.RevisionScript;
import dev.migrations.script.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a plan's statements and version-table bookkeeping on a JDBC connection. */
final class JdbcSink implements MigrationSink {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSink.class);

    private final Connection connection;
    private final Dialect dialect;
    private final String schema;
    private final String table;
    private final String user;
    private final List<AppliedStep> committed = new ArrayList<>();
    private final List<AppliedStep> uncommitted = new ArrayList<>();
    private final List<PendingUpdate> pending = new ArrayList<>();
    private boolean inTransaction;
    private Step currentStep;
    private RevisionScript currentScript;

    private final java.util.function.Consumer<AppliedStep> onCommitted;
    private final StatementProgress progress;
    private int statementIndex;
    private boolean tracking;
    private boolean trackedTransaction;

    JdbcSink(
            Connection connection,
            Dialect dialect,
            String schema,
            String table,
            String user,
            java.util.function.Consumer<AppliedStep> onCommitted) {
        this.onCommitted = onCommitted;
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
        this.table = table;
        this.user = user;
        this.progress = new StatementProgress(connection, dialect, schema, table);
    }

    /** Steps whose transaction committed (or that ran without one). */
    List<AppliedStep> committed() {
        return committed;
    }

    boolean inTransaction() {
        return inTransaction;
    }

    Step currentStep() {
        return currentStep;
    }

    RevisionScript currentScript() {
        return currentScript;
    }

    /** Rolls back an open transaction after a failure; what it held is lost. */
    void rollback() throws SQLException {
        pending.clear();
        if (inTransaction || trackedTransaction) {
            inTransaction = false;
            trackedTransaction = false;
            uncommitted.clear();
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @Override
    public boolean offline() {
        return false;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public String dialectName() {
        return dialect.name();
    }

    @Override
    public boolean transactionalDdl() {
        return dialect.transactionalDdl();
    }

    @Override
    public void begin() {
        try {
            connection.setAutoCommit(false);
            inTransaction = true;
        } catch (SQLException e) {
            throw new BookkeepingFailure("could not start a transaction", e);
        }
    }

    @Override
    public void commit() {
        try {
            connection.commit();
            connection.setAutoCommit(true);
            inTransaction = false;
            committed.addAll(uncommitted);
            uncommitted.forEach(onCommitted);
            uncommitted.clear();
        } catch (SQLException e) {
            throw new BookkeepingFailure("could not commit", e);
        }
    }

    @Override
    public void createVersionTable() {
        // Online runs create the version table before the loop starts.
    }

    @Override
    public void beforeStep(Step step, Set<String> expectedRows) {
        currentStep = step;
        currentScript = null;
        try {
            String lock = dialect.lockVersionTable(schema, table);
            List<String> rows = inTransaction && lock != null
                    ? lockAndReadRows(lock)
                    : JdbcSupport.readRows(connection, dialect, schema, table);
            if (!new HashSet<>(rows).equals(expectedRows)) {
                throw new ConcurrentChange(rows);
            }
        } catch (SQLException e) {
            throw new BookkeepingFailure("could not read the version table", e);
        }
    }

    /** The table lock and the read of the rows in one round trip (the lock's result is an update count). */
    private List<String> lockAndReadRows(String lock) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (java.sql.Statement st = connection.createStatement()) {
            boolean resultSet = st.execute(lock + "; " + dialect.selectVersions(schema, table));
            while (!resultSet && st.getUpdateCount() != -1) {
                resultSet = st.getMoreResults();
            }
            if (!resultSet) {
                throw new SQLException("no rows from the version table after " + lock);
            }
            try (java.sql.ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    @Override
    public void stepStarted(Step step) {
        currentStep = step;
        statementIndex = 0;
        tracking = false;
    }

    @Override
    public void execute(RevisionScript script, Statement statement) {
        currentScript = script;
        // Outside a transaction a crash leaves the revision half-applied: record each statement.
        boolean track = !inTransaction && !script.transactional() && currentStep != null;
        List<Statement> statements = List.of();
        if (track) {
            tracking = true;
            statements = currentStep.isUpgrade() ? script.upgrade() : script.downgrade();
            progress.starting(currentStep, script, statementIndex, statements.size(), statement.line());
        }
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute(statement.sql());
        } catch (SQLException e) {
            throw new StatementFailure(script, statement, e);
        }
        if (track) {
            int next = statementIndex + 1;
            progress.completed(
                    script,
                    statementIndex,
                    next < statements.size() ? statements.get(next).line() : 0);
        }
        statementIndex++;
    }

    @Override
    public void insertVersion(String version) {
        update(dialect.insertVersion(schema, table, version).replaceFirst(" RETURNING .*$", ""), -1, null);
    }

    @Override
    public void deleteVersion(String version) {
        update(
                dialect.deleteVersion(schema, table, version),
                1,
                "Online migration expected to match one row when deleting '" + version + "' in '" + table
                        + "'; %d found");
    }

    @Override
    public void updateVersion(String from, String to) {
        update(
                dialect.updateVersion(schema, table, from, to),
                1,
                "Online migration expected to match one row when" + " updating '" + from + "' to '" + to + "' in '"
                        + table + "'; %d found");
    }

    /** Queues a version-table change; it goes out with the step's history row in one round trip. */
    private void update(String sql, int expected, String message) {
        if (tracking && !inTransaction && !trackedTransaction) {
            // The version row, the history row and the end of the progress record commit together.
            try {
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                throw new BookkeepingFailure("could not start a transaction", e);
            }
            trackedTransaction = true;
        }
        pending.add(new PendingUpdate(sql, expected, message));
    }

    /** A version-table change waiting for the step's history row. */
    private record PendingUpdate(String sql, int expected, String message) {}

    /** Sends the queued version-table changes and the history row as one batch, checking the counts. */
    private void writeBookkeeping(JdbcSupport.HistoryRow row) {
        String history = literalHistoryInsert(row);
        List<PendingUpdate> updates = List.copyOf(pending);
        pending.clear();
        int[] counts;
        try (java.sql.Statement st = connection.createStatement()) {
            for (PendingUpdate update : updates) {
                st.addBatch(update.sql());
            }
            if (history != null) {
                st.addBatch(history);
            }
            counts = st.executeBatch();
        } catch (SQLException e) {
            throw new BookkeepingFailure(
                    "could not update the version table or record the step in the history table", e);
        }
        for (int i = 0; i < updates.size(); i++) {
            PendingUpdate update = updates.get(i);
            if (update.expected() >= 0 && counts[i] != update.expected()) {
                throw new MigrationsException(String.format(java.util.Locale.ROOT, update.message(), counts[i]));
            }
        }
        if (history == null) {
            try {
                JdbcSupport.insertHistory(connection, dialect, schema, table, row);
            } catch (SQLException e) {
                throw new BookkeepingFailure("could not record the step in the history table", e);
            }
        }
    }

    /**
     * The history insert with its values as literals, so that it can join a batch; null (use the
     * prepared statement) if the dialect's statement is not the expected shape or a value holds a
     * backslash (whose meaning in a literal depends on server settings).
     */
    private String literalHistoryInsert(JdbcSupport.HistoryRow row) {
        String sql = dialect.insertHistory(schema, table);
        String placeholders = "(?, ?, ?, ?, ?, ?, ?)";
        List<String> strings = java.util.Arrays.asList(
                row.revision(), row.direction(), row.from(), row.to(), row.checksum(), row.user());
        if (!sql.endsWith(placeholders)
                || strings.stream().anyMatch(value -> value != null && value.indexOf('\\') >= 0)) {
            return null;
        }
        return sql.substring(0, sql.length() - placeholders.length()) + "(" + literal(row.revision()) + ", "
                + literal(row.direction()) + ", " + literal(row.from()) + ", " + literal(row.to()) + ", "
                + literal(row.checksum()) + ", " + row.durationMs() + ", " + literal(row.user()) + ")";
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    @Override
    public void stepApplied(Step step, RevisionScript script, long nanos) {
        long millis = nanos / 1_000_000;
        writeBookkeeping(new JdbcSupport.HistoryRow(
                step.revisionId(),
                step.name().equals("stamp_revision") ? "stamp" : step.name(),
                String.join(",", step.fromRevisions()),
                String.join(",", step.toRevisions()),
                script != null && step.isUpgrade() ? script.checksum() : null,
                millis,
                user));
        if (tracking) {
            finishTracked(step);
        }
        AppliedStep applied = new AppliedStep(
                step.name(),
                step.revisionId(),
                step.fromRevisionsNoDeps(),
                step.toRevisionsNoDeps(),
                step.doc(),
                Duration.ofNanos(nanos));
        LOG.info("Ran {} ({} ms)", step.shortLog(), millis);
        if (inTransaction) {
            uncommitted.add(applied);
        } else {
            committed.add(applied);
            onCommitted.accept(applied);
        }
    }

    private void finishTracked(Step step) {
        progress.finished(step.revisionId());
        if (trackedTransaction) {
            try {
                connection.commit();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new BookkeepingFailure("could not commit", e);
            }
            trackedTransaction = false;
        }
        tracking = false;
    }

    /** The version table no longer holds what this run expects: another migrator moved it. */
    static final class ConcurrentChange extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> rows;

        ConcurrentChange(List<String> rows) {
            super("version table changed by another migrator", null, false, false);
            this.rows = List.copyOf(rows);
        }

        List<String> rows() {
            return rows;
        }
    }

    /** A revision's statement failed. */
    static final class StatementFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RevisionScript script;
        private final transient Statement statement;

        StatementFailure(RevisionScript script, Statement statement, SQLException cause) {
            super(cause.getMessage(), cause, false, false);
            this.script = script;
            this.statement = statement;
        }

        RevisionScript script() {
            return script;
        }

        Statement statement() {
            return statement;
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }

    /** The engine's own bookkeeping (transactions, version and history tables) failed. */
    static final class BookkeepingFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BookkeepingFailure(String what, SQLException cause) {
            super(what + ": " + cause.getMessage(), cause, false, false);
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }
}
