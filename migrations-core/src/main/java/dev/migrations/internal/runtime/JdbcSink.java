package dev.migrations.internal.runtime;

import dev.migrations.AppliedStep;
import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.script.RevisionScript;
import dev.migrations.internal.script.Statement;
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
    private final List<AppliedStep> committed = new ArrayList<>();
    private final List<AppliedStep> uncommitted = new ArrayList<>();
    private final StepBookkeeping bookkeeping;
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
    private HeldLock held = HeldLock.SESSION;
    private List<String> transactionSettings = List.of();

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
        this.bookkeeping = new StepBookkeeping(connection, dialect, schema, table, user);
        this.progress = new StatementProgress(connection, dialect, schema, table);
    }

    /** The lock to check before each step; settings for each transaction (timeouts, behind a pooler). */
    void guard(HeldLock lock, List<String> settings) {
        this.held = lock;
        this.transactionSettings = List.copyOf(settings);
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
        bookkeeping.clear();
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
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void begin() {
        try {
            connection.setAutoCommit(false);
            inTransaction = true;
            JdbcSupport.executeAll(connection, transactionSettings);
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
        held.check();
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
        openTrackedTransaction();
        bookkeeping.insertVersion(version);
    }

    @Override
    public void deleteVersion(String version) {
        openTrackedTransaction();
        bookkeeping.deleteVersion(version);
    }

    @Override
    public void updateVersion(String from, String to) {
        openTrackedTransaction();
        bookkeeping.updateVersion(from, to);
    }

    /**
     * Before a version-table change of a tracked step outside a transaction: the version row, the
     * history row and the end of the progress record commit together.
     */
    private void openTrackedTransaction() {
        if (tracking && !inTransaction && !trackedTransaction) {
            try {
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                throw new BookkeepingFailure("could not start a transaction", e);
            }
            trackedTransaction = true;
        }
    }

    /**
     * Sends the revision's queued statements with its bookkeeping in one round trip; when the driver
     * refuses the batch before sending it, or its error does not say which entry failed, the revision
     * runs one statement at a time instead (after a rollback: it is transactional).
     */
    private void sendRevision(Step step, RevisionScript script, long nanos) {
        long start = System.nanoTime();
        List<Statement> statements = List.copyOf(queued);
        List<StepBookkeeping.Change> changes = bookkeeping.take();
        queued.clear();
        pipelining = false;
        RevisionBatch.Outcome outcome = bookkeeping.sendRevision(step, script, statements, changes, nanos, start);
        if (outcome instanceof RevisionBatch.Sent) {
            return;
        }
        if (outcome instanceof RevisionBatch.Failed failed) {
            LOG.debug("Running {} again one statement at a time to find what failed: {}", step, failed.cause());
            restart(step, script);
        }
        for (Statement statement : statements) {
            run(script, statement);
        }
        bookkeeping.write(
                changes, bookkeeping.historyRow(step, script, (nanos + System.nanoTime() - start) / 1_000_000));
    }

    /** Rolls the step's transaction back and opens a new one as beforeStep did, re-reading the rows. */
    private void restart(Step step, RevisionScript script) {
        try {
            connection.rollback();
            // SET LOCAL ended with the rolled-back transaction.
            JdbcSupport.executeAll(connection, transactionSettings);
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
            bookkeeping.write(bookkeeping.take(), bookkeeping.historyRow(step, script, nanos / 1_000_000));
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
