package dev.migrations.internal.runtime;

import dev.migrations.MigrationsException;
import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.runtime.JdbcSink.BookkeepingFailure;
import dev.migrations.internal.runtime.JdbcSink.StatementFailure;
import dev.migrations.internal.script.RevisionScript;
import dev.migrations.internal.script.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A step's version-table changes and history row on a JDBC connection: the changes wait until the
 * step is applied, so that they go out with the history row (and, for a pipelined revision, with its
 * statements) in one round trip, and their update counts are checked there.
 */
final class StepBookkeeping {
    private static final String FAILED = "could not update the version table or record the step in the history table";

    private final Connection connection;
    private final Dialect dialect;
    private final String schema;
    private final String table;
    private final String user;
    private final List<Change> pending = new ArrayList<>();

    StepBookkeeping(Connection connection, Dialect dialect, String schema, String table, String user) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
        this.table = table;
        this.user = user;
    }

    /** A version-table change waiting for the step's history row. */
    record Change(String sql, int expected, String message) {}

    void insertVersion(String version) {
        pending.add(
                new Change(dialect.insertVersion(schema, table, version).replaceFirst(" RETURNING .*$", ""), -1, null));
    }

    void deleteVersion(String version) {
        pending.add(new Change(
                dialect.deleteVersion(schema, table, version),
                1,
                "Online migration expected to match one row when deleting '" + version + "' in '" + table
                        + "'; %d found"));
    }

    void updateVersion(String from, String to) {
        pending.add(new Change(
                dialect.updateVersion(schema, table, from, to),
                1,
                "Online migration expected to match one row when" + " updating '" + from + "' to '" + to + "' in '"
                        + table + "'; %d found"));
    }

    /** The changes queued so far; the queue is empty afterwards. */
    List<Change> take() {
        List<Change> changes = List.copyOf(pending);
        pending.clear();
        return changes;
    }

    /** Drops the queued changes (their transaction is rolled back). */
    void clear() {
        pending.clear();
    }

    /** Sends the version-table changes and the history row as one batch, checking the counts. */
    void write(List<Change> changes, JdbcSupport.HistoryRow row) {
        String history = literalHistoryInsert(row, Long.toString(row.durationMs()));
        RevisionBatch.Outcome outcome = send(List.of(), changes, history);
        if (outcome instanceof RevisionBatch.Refused refused) {
            throw new BookkeepingFailure(FAILED, refused.reason());
        }
        if (outcome instanceof RevisionBatch.Failed failed) {
            throw new BookkeepingFailure(FAILED, failed.cause());
        }
        checkCounts(changes, ((RevisionBatch.Sent) outcome).counts(), 0);
        if (history == null) {
            insertHistory(row);
        }
    }

    /**
     * Sends a pipelined revision's statements with its version-table changes and its history row as
     * one batch, the history row timed by the server from the transaction's start (the version-table
     * lock that opened it). A failed entry is reported as the statement or the bookkeeping it is.
     *
     * @param nanos the step's time before the send, which began at {@code start} ({@link
     *     System#nanoTime}): with the send's own time, the history row's duration when the server
     *     cannot time it
     * @return {@link RevisionBatch.Sent} when the revision is done; otherwise the statements are to
     *     run one at a time: {@link RevisionBatch.Refused} when the driver sent nothing, {@link
     *     RevisionBatch.Failed} when its error does not say which entry failed (the transaction is lost)
     */
    RevisionBatch.Outcome sendRevision(
            Step step,
            RevisionScript script,
            List<Statement> statements,
            List<Change> changes,
            long nanos,
            long start) {
        String elapsed = dialect.transactionElapsedMillis();
        String history = elapsed == null ? null : literalHistoryInsert(historyRow(step, script, 0), elapsed);
        RevisionBatch.Outcome outcome = send(statements, changes, history);
        if (outcome instanceof RevisionBatch.Sent sent) {
            checkCounts(changes, sent.counts(), statements.size());
            if (history == null) {
                insertHistory(historyRow(step, script, (nanos + System.nanoTime() - start) / 1_000_000));
            }
        } else if (outcome instanceof RevisionBatch.Failed failed) {
            int entry = failed.entry();
            if (entry >= 0 && entry < statements.size()) {
                throw new StatementFailure(script, statements.get(entry), failed.cause());
            }
            if (entry >= 0 || ConnectionLoss.lost(failed.cause())) {
                throw new BookkeepingFailure(FAILED, failed.cause());
            }
        }
        return outcome;
    }

    /** The statements, the changes and the history row (when there is one) as one batch. */
    private RevisionBatch.Outcome send(List<Statement> statements, List<Change> changes, String history) {
        List<String> entries = new ArrayList<>();
        statements.forEach(statement -> entries.add(statement.sql()));
        changes.forEach(change -> entries.add(change.sql()));
        if (history != null) {
            entries.add(history);
        }
        return RevisionBatch.send(connection, entries);
    }

    /** The version-table changes' update counts, from {@code offset} in a batch's counts. */
    private static void checkCounts(List<Change> changes, List<Integer> counts, int offset) {
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            int count = counts.get(offset + i);
            if (change.expected() >= 0 && count != change.expected()) {
                throw new MigrationsException(String.format(java.util.Locale.ROOT, change.message(), count));
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

    /** The history row as one literal statement for a batch, or null when the dialect cannot write one. */
    private String literalHistoryInsert(JdbcSupport.HistoryRow row, String durationMs) {
        return JdbcSupport.literalHistoryInsert(dialect, schema, table, row, durationMs);
    }

    JdbcSupport.HistoryRow historyRow(Step step, RevisionScript script, long millis) {
        return new JdbcSupport.HistoryRow(
                step.revisionId(),
                step.name().equals("stamp_revision") ? "stamp" : step.name(),
                String.join(",", step.fromRevisions()),
                String.join(",", step.toRevisions()),
                script != null && step.isUpgrade() ? script.checksum() : null,
                millis,
                user);
    }
}
