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

    /** Whether a transactional SQL revision's statements wait for its bookkeeping, to go out in one batch. */
    private final boolean pipelineRevisions;

    private boolean pipelining;
    private final List<Statement> queued = new ArrayList<>();
    private Set<String> expectedRows = Set.of();

    JdbcSink(
            Connection connection,
            Dialect dialect,
            String schema,
            String table,
            String user,
            boolean transactionPerMigration,
            java.util.function.Consumer<AppliedStep> onCommitted) {
        this.onCommitted = onCommitted;
        // In one transaction for the whole run, a failure would need the run replayed to find its statement.
        this.pipelineRevisions = transactionPerMigration && dialect.pipelinesRevisions();
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
        queued.clear();
        pipelining = false;
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
        this.expectedRows = Set.copyOf(expectedRows);
        try {
            String lock = dialect.lockVersionTable(schema, table);
            List<String> rows = inTransaction && lock != null
                    ? JdbcSupport.lockAndReadRows(connection, dialect, schema, table, lock)
                    : JdbcSupport.readRows(connection, dialect, schema, table);
            if (!new HashSet<>(rows).equals(expectedRows)) {
                throw new ConcurrentChange(rows);
            }
        } catch (SQLException e) {
            throw new BookkeepingFailure("could not read the version table", e);
        }
    }

    @Override
    public void stepStarted(Step step) {
        currentStep = step;
        statementIndex = 0;
        tracking = false;
        pipelining = false;
        queued.clear();
    }

    @Override
    public void execute(RevisionScript script, Statement statement) {
        currentScript = script;
        if (statementIndex == 0) {
            pipelining = pipelines(script);
        }
        if (pipelining) {
            // Sent with the version-table changes and the history row, in stepApplied.
            queued.add(statement);
            statementIndex++;
            return;
        }
        // Outside a transaction a crash leaves the revision half-applied: record each statement.
        boolean track = !inTransaction && !script.transactional() && currentStep != null;
        List<Statement> statements = List.of();
        if (track) {
            tracking = true;
            statements = currentStep.isUpgrade() ? script.upgrade() : script.downgrade();
            progress.starting(currentStep, script, statementIndex, statements.size(), statement.line());
        }
        run(script, statement);
        if (track) {
            int next = statementIndex + 1;
            progress.completed(
                    script,
                    statementIndex,
                    next < statements.size() ? statements.get(next).line() : 0);
        }
        statementIndex++;
    }

    private void run(RevisionScript script, Statement statement) {
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute(statement.sql());
        } catch (SQLException e) {
            throw new StatementFailure(script, statement, e);
        }
    }

    /**
     * Whether the step's statements wait for its bookkeeping: a transactional SQL revision in its own
     * transaction (so a failure loses only it, and the history row can time it from the transaction's
     * start), with statements that run the same batched.
     */
    private boolean pipelines(RevisionScript script) {
        return pipelineRevisions
                && inTransaction
                && currentStep != null
                && script.transactional()
                && !script.isJava()
                && RevisionBatch.batchable(currentStep.isUpgrade() ? script.upgrade() : script.downgrade());
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

    private static final String BOOKKEEPING =
            "could not update the version table or record the step in the history table";

    /** Sends the version-table changes and the history row as one batch, checking the counts. */
    private void writeBookkeeping(List<PendingUpdate> updates, JdbcSupport.HistoryRow row) {
        String history = JdbcSupport.literalHistoryInsert(dialect, schema, table, row, Long.toString(row.durationMs()));
        List<String> entries = new ArrayList<>();
        updates.forEach(update -> entries.add(update.sql()));
        if (history != null) {
            entries.add(history);
        }
        RevisionBatch.Outcome outcome = RevisionBatch.send(connection, entries);
        if (outcome instanceof RevisionBatch.Refused refused) {
            throw new BookkeepingFailure(BOOKKEEPING, refused.reason());
        }
        if (outcome instanceof RevisionBatch.Failed failed) {
            throw new BookkeepingFailure(BOOKKEEPING, failed.cause());
        }
        checkCounts(updates, ((RevisionBatch.Sent) outcome).counts(), 0);
        if (history == null) {
            insertHistory(row);
        }
    }

    /** The version-table changes' update counts, from {@code offset} in a batch's counts. */
    private static void checkCounts(List<PendingUpdate> updates, List<Integer> counts, int offset) {
        for (int i = 0; i < updates.size(); i++) {
            PendingUpdate update = updates.get(i);
            int count = counts.get(offset + i);
            if (update.expected() >= 0 && count != update.expected()) {
                throw new MigrationsException(String.format(java.util.Locale.ROOT, update.message(), count));
            }
        }
    }

    private void insertHistory(JdbcSupport.HistoryRow row) {
        try {
            JdbcSupport.insertHistory(connection, dialect, schema, table, row);
        } catch (SQLException e) {
            throw new BookkeepingFailure("could not record the step in the history table", e);
        }
    }

    /**
     * Sends the revision's queued statements, its version-table changes and its history row as one
     * batch, the history row timed by the server from the transaction's start (the version-table lock
     * that opened it). A failed entry is reported as the statement or the bookkeeping it is; when the
     * driver refuses the batch before sending it, or its error does not say which entry failed, the
     * revision runs one statement at a time instead (after a rollback: it is transactional).
     */
    private void sendRevision(Step step, RevisionScript script, long nanos) {
        long start = System.nanoTime();
        List<Statement> statements = List.copyOf(queued);
        List<PendingUpdate> updates = List.copyOf(pending);
        queued.clear();
        pending.clear();
        pipelining = false;
        String elapsed = dialect.transactionElapsedMillis();
        String history = elapsed == null
                ? null
                : JdbcSupport.literalHistoryInsert(dialect, schema, table, historyRow(step, script, 0), elapsed);
        List<String> entries = new ArrayList<>();
        statements.forEach(statement -> entries.add(statement.sql()));
        updates.forEach(update -> entries.add(update.sql()));
        if (history != null) {
            entries.add(history);
        }
        RevisionBatch.Outcome outcome = RevisionBatch.send(connection, entries);
        if (outcome instanceof RevisionBatch.Sent sent) {
            checkCounts(updates, sent.counts(), statements.size());
            if (history == null) {
                insertHistory(historyRow(step, script, (nanos + System.nanoTime() - start) / 1_000_000));
            }
            return;
        }
        if (outcome instanceof RevisionBatch.Failed failed) {
            int entry = failed.entry();
            if (entry >= 0 && entry < statements.size()) {
                throw new StatementFailure(script, statements.get(entry), failed.cause());
            }
            if (entry >= 0 || ConnectionLoss.lost(failed.cause())) {
                throw new BookkeepingFailure(BOOKKEEPING, failed.cause());
            }
            LOG.debug("Running {} again one statement at a time to find what failed: {}", step, failed.cause());
            restart(step, script);
        }
        for (Statement statement : statements) {
            run(script, statement);
        }
        writeBookkeeping(updates, historyRow(step, script, (nanos + System.nanoTime() - start) / 1_000_000));
    }

    /** Rolls the step's transaction back and opens a new one as beforeStep did, re-reading the rows. */
    private void restart(Step step, RevisionScript script) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new BookkeepingFailure("could not roll back", e);
        }
        beforeStep(step, expectedRows);
        currentScript = script;
    }

    @Override
    public void stepApplied(Step step, RevisionScript script, long nanos) {
        long duration = nanos;
        if (pipelining) {
            long sent = System.nanoTime();
            sendRevision(step, script, nanos);
            duration += System.nanoTime() - sent;
        } else {
            List<PendingUpdate> updates = List.copyOf(pending);
            pending.clear();
            writeBookkeeping(updates, historyRow(step, script, nanos / 1_000_000));
        }
        long millis = duration / 1_000_000;
        if (tracking) {
            finishTracked(step);
        }
        AppliedStep applied = new AppliedStep(
                step.name(),
                step.revisionId(),
                step.fromRevisionsNoDeps(),
                step.toRevisionsNoDeps(),
                step.doc(),
                Duration.ofNanos(duration));
        LOG.info("Ran {} ({} ms)", step.shortLog(), millis);
        if (inTransaction) {
            uncommitted.add(applied);
        } else {
            committed.add(applied);
            onCommitted.accept(applied);
        }
    }

    private JdbcSupport.HistoryRow historyRow(Step step, RevisionScript script, long millis) {
        return new JdbcSupport.HistoryRow(
                step.revisionId(),
                step.name().equals("stamp_revision") ? "stamp" : step.name(),
                String.join(",", step.fromRevisions()),
                String.join(",", step.toRevisions()),
                script != null && step.isUpgrade() ? script.checksum() : null,
                millis,
                user);
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
