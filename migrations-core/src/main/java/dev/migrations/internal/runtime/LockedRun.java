package dev.migrations.internal.runtime;

import dev.migrations.MigrationResult;
import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import dev.migrations.RunKind;
import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.script.RevisionScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run under the migration lock: makes sure the version and history tables exist, reads the rows,
 * checks them, and drives the step loop with the database as the sink, planning again if another
 * migrator moved the version table. Reports failures with the revision, file, line, SQLState and what
 * the run applied (see {@link StepFailure}).
 */
final class LockedRun {
    private static final Logger LOG = LoggerFactory.getLogger(LockedRun.class);
    private static final int MAX_REPLANS = 100;

    private final MigrationsConfig config;
    private final Map<String, RevisionScript> scripts;
    private final Listeners listeners;
    private final ReadOnlyPath readOnly;

    LockedRun(
            MigrationsConfig config, Map<String, RevisionScript> scripts, Listeners listeners, ReadOnlyPath readOnly) {
        this.config = config;
        this.scripts = scripts;
        this.listeners = listeners;
        this.readOnly = readOnly;
    }

    MigrationResult run(Connection connection, Dialect dialect, HeldLock held, OnlineRunner.Run run, long start)
            throws SQLException {
        String command = run.kind().label();
        boolean purge = run.purge();
        OnlineRunner.Plan plan = run.plan();
        OnlineRunner.Verification verification = run.verification();
        String schema = config.schema();
        String table = config.versionTable();
        StateTables.Found found = StateTables.verify(connection, dialect, schema, table);
        if (found.creates() && !purge) {
            // Plan once before creating the tables: a bad target or several heads changes nothing.
            List<Step> planned = plan.steps(
                    found.versionTable() ? JdbcSupport.readRows(connection, dialect, schema, table) : List.of());
            new StepRunner(scripts, config.transactionPerMigration()).validate(planned);
        }
        List<String> create = new ArrayList<>(List.of(
                dialect.createVersionTableIfNotExists(schema, table),
                dialect.createHistoryTableIfNotExists(schema, table)));
        if (verification != null) {
            create.add(VerificationRecord.createTableIfNotExists(dialect, schema, table));
        }
        JdbcSupport.createAllIfMissing(connection, dialect, found.creates() ? create : create.subList(0, 2));
        if (purge) {
            JdbcSupport.execute(connection, "DELETE FROM " + dialect.qualified(schema, table));
        }
        List<String> before = JdbcSupport.readRows(connection, dialect, schema, table);
        StatementProgress.guard(connection, dialect, schema, table, command, before);
        run.check().check(before, JdbcSupport.recordedChecksums(connection, dialect, schema, table));
        String user = JdbcSupport.queryString(connection, dialect.currentUser());
        List<String> settings = held.sessionPinned()
                ? dialect.sessionSettings(config.ddlLockTimeout(), config.statementTimeout())
                : List.of();
        JdbcSupport.executeAll(connection, settings);
        JdbcSink sink = new JdbcSink(
                connection, dialect, schema, table, user, config.transactionPerMigration(), listeners::stepApplied);
        sink.guard(held, held.sessionPinned() ? List.of() : transactionSettings(dialect));
        StepRunner runner = new StepRunner(scripts, config.transactionPerMigration());
        LockRetry retry = new LockRetry(config);
        try {
            List<String> rows = before;
            // Lock-timeout retries have their own limit; only the other migrator's changes count here.
            int replans = 0;
            while (true) {
                List<Step> steps = plan.steps(rows);
                try {
                    runner.run(steps, rows, sink);
                    break;
                } catch (JdbcSink.ConcurrentChange change) {
                    sink.rollback();
                    if (replans++ >= MAX_REPLANS) {
                        throw new MigrationsException("The version table keeps changing under this run; another"
                                + " migrator is working without the migration lock (is a connection pooler in"
                                + " transaction mode in the way?)");
                    }
                    LOG.info(
                            "The version table was changed by another migrator (now {}); planning again",
                            change.rows());
                    rows = change.rows();
                } catch (JdbcSink.StatementFailure failure) {
                    if (!retry.retries(failure, sink.inTransaction())) {
                        throw failure;
                    }
                    // Roll back before the pause: the locks the revision took must not wait with it.
                    sink.rollback();
                    retry.pause(failure);
                    rows = JdbcSupport.readRows(connection, dialect, schema, table);
                }
            }
        } catch (JdbcSink.StatementFailure failure) {
            throw new StepFailure(
                            failure.script(),
                            failure.statement().line(),
                            failure.sqlException(),
                            retry.note(failure, sink.inTransaction()))
                    .report(connection, dialect, config.schema(), config.versionTable(), command, sink);
        } catch (JavaMigrationFailure failure) {
            throw new StepFailure(failure.script(), failure.line(), failure.getCause())
                    .report(connection, dialect, config.schema(), config.versionTable(), command, sink);
        } catch (LeaseHeartbeat.LeaseLost lost) {
            sink.rollback();
            throw new LeaseHeartbeat.LeaseLost(lost.getMessage() + StepFailure.appliedSentence(sink.committed()));
        } catch (JdbcSink.BookkeepingFailure failure) {
            SQLException cause = failure.sqlException();
            if (ConnectionLoss.lost(cause)) {
                // A rollback on the dead session would only say "This connection has been closed".
                Step step = sink.currentStep();
                String at = step == null ? "" : "at " + step.shortLog() + ": ";
                throw ConnectionLoss.duringRun(
                        command, at + StepFailure.firstLine(cause.getMessage()) + OnlineRunner.sqlState(cause), cause);
            }
            sink.rollback();
            throw new MigrationsException(
                    "Migration bookkeeping failed: " + failure.getMessage()
                            + OnlineRunner.sqlState(failure.sqlException())
                            + StepFailure.appliedSentence(sink.committed()),
                    failure);
        } catch (RuntimeException e) {
            sink.rollback();
            throw e;
        } finally {
            for (String sql : settings.isEmpty()
                    ? List.<String>of()
                    : dialect.resetSessionSettings(config.ddlLockTimeout(), config.statementTimeout())) {
                try {
                    JdbcSupport.execute(connection, sql);
                } catch (SQLException e) {
                    // The connection is closed right after; a lost one must not hide the run's own error.
                    LOG.debug("Could not reset {}: {}", sql, e.getMessage());
                }
            }
        }
        List<String> after = JdbcSupport.readRows(connection, dialect, schema, table);
        if (verification != null && run.kind() == RunKind.UPGRADE) {
            // Under the lock, the newest history row is this run's last.
            readOnly.recordVerified(
                    connection,
                    dialect,
                    verification,
                    after,
                    VerificationRecord.latestHistoryId(connection, dialect, schema, table));
        }
        MigrationResult result = new MigrationResult(
                run.kind(), run.target(), before, after, sink.committed(), Duration.ofNanos(System.nanoTime() - start));
        summarize(result);
        return result;
    }

    /**
     * Behind a transaction-mode pooler a {@code SET} would stay on whichever server connection ran it
     * (another client's next) and miss the run's next statement: the timeouts go into each revision's
     * transaction instead. A revision outside a transaction has no such place and runs without them.
     */
    private List<String> transactionSettings(Dialect dialect) {
        List<String> local = dialect.transactionSettings(config.ddlLockTimeout(), config.statementTimeout());
        if (!local.isEmpty()) {
            LOG.info("Through a pooler the DDL lock and statement timeouts apply to transactional revisions only,"
                    + " set in each revision's transaction");
        }
        return local;
    }

    static void summarize(MigrationResult result) {
        if (result.steps().isEmpty()) {
            LOG.info("Nothing to do: the database is at {}", describeRows(result.after()));
            return;
        }
        LOG.info(
                "{} {}: {} step(s), {} script(s) run in {} ms; the database is at {}",
                capitalize(result.kind().label()),
                result.target(),
                result.steps().size(),
                result.scriptsRun(),
                result.duration().toMillis(),
                describeRows(result.after()));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String describeRows(List<String> rows) {
        return rows.isEmpty() ? "base" : String.join(", ", rows);
    }
}
