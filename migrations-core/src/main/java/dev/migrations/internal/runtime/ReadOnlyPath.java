package dev.migrations.internal.runtime;

import dev.migrations.MigrationResult;
import dev.migrations.MigrationsConfig;
import dev.migrations.RunKind;
import dev.migrations.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only fast path every application start takes when the database is already at its target:
 * one connection, no lock, no writes to the schema. With a verification record ({@link
 * VerificationRecord}) that covers the scripts at the current rows it reads no script; otherwise it
 * reads the rows and recorded checksums and runs the same checks and plan as under the lock, and,
 * finding nothing to do at the heads, records the verification for the next start.
 */
final class ReadOnlyPath {
    private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyPath.class);

    private final String schema;
    private final String table;

    ReadOnlyPath(MigrationsConfig config) {
        this.schema = config.schema();
        this.table = config.versionTable();
    }

    /**
     * The run's result when there is nothing to do, or null when there is work, a half-applied
     * revision, or no version table yet; the locked run then reads everything again, so a migrator
     * that moves the table in between is seen there. An empty plan needs no lock: the rows it was
     * made from are committed state.
     */
    MigrationResult nothingToDo(
            Connection connection, Dialect dialect, OnlineRunner.Run run, long start, OnlineRunner.Look look) {
        if (look.state() != OnlineRunner.Look.State.READ && look.state() != OnlineRunner.Look.State.VERIFIED) {
            return null;
        }
        if (look.state() == OnlineRunner.Look.State.VERIFIED) {
            LOG.debug("Scripts unchanged since verified");
            return nothingDone(run.kind(), run.target(), look.rows(), start);
        }
        run.check().check(look.rows(), look.recordedChecksums());
        if (!run.plan().steps(look.rows()).isEmpty()) {
            return null;
        }
        recordVerified(connection, dialect, run.verification(), look);
        return nothingDone(run.kind(), run.target(), look.rows(), start);
    }

    /**
     * One read-only look: the verification record when it covers the scripts at exactly the current
     * rows and answers the target, else the rows and the recorded checksums. A missing version table,
     * a half-applied revision or tables that cannot be read leave the explaining to the locked path.
     */
    OnlineRunner.Look look(Connection connection, Dialect dialect, OnlineRunner.Verification verification)
            throws SQLException {
        Tables tables = tables(connection, dialect);
        if (!tables.version()) {
            return new OnlineRunner.Look(OnlineRunner.Look.State.NO_VERSION_TABLE, List.of(), List.of(), Map.of(), -1);
        }
        try {
            // The history's newest id is read before the rows and checksums it vouches for.
            long historyId = -1;
            VerificationRecord.Claim claim = verification == null || !tables.verified()
                    ? null
                    : VerificationRecord.read(connection, dialect, schema, table);
            if (verification != null && claim == null) {
                historyId = JdbcSupport.tableExists(connection, dialect, schema, table + "_history")
                        ? VerificationRecord.latestHistoryId(connection, dialect, schema, table)
                        : 0;
            } else if (claim != null) {
                historyId = claim.currentHistoryId();
            }
            List<String> rows = JdbcSupport.readRows(connection, dialect, schema, table);
            if (tables.partial() && StatementProgress.pending(connection, dialect, schema, table)) {
                return new OnlineRunner.Look(OnlineRunner.Look.State.UNREADABLE, rows, List.of(), Map.of(), -1);
            }
            if (claim != null
                    && verification.answers(claim.heads())
                    && claim.verifies(verification.fingerprint(), rows)) {
                return new OnlineRunner.Look(
                        OnlineRunner.Look.State.VERIFIED, rows, claim.heads(), Map.of(), historyId);
            }
            return new OnlineRunner.Look(
                    OnlineRunner.Look.State.READ,
                    rows,
                    List.of(),
                    JdbcSupport.recordedChecksums(connection, dialect, schema, table),
                    historyId);
        } catch (SQLException e) {
            // Tables of another shape (another tool's) or a broken session: the locked path checks
            // the tables first and explains.
            LOG.debug("Read-only look failed: {}", e.getMessage());
            return new OnlineRunner.Look(OnlineRunner.Look.State.UNREADABLE, List.of(), List.of(), Map.of(), -1);
        }
    }

    /** Records the verification when the look read a history position to vouch from. */
    void recordVerified(
            Connection connection, Dialect dialect, OnlineRunner.Verification verification, OnlineRunner.Look look) {
        if (verification != null && look.historyId() >= 0) {
            recordVerified(connection, dialect, verification, look.rows(), look.historyId());
        }
    }

    /** Which of the engine's tables exist: the version table, the verification record, the progress record. */
    private record Tables(boolean version, boolean verified, boolean partial) {}

    private Tables tables(Connection connection, Dialect dialect) throws SQLException {
        boolean[] exist = JdbcSupport.tablesExist(
                connection, dialect, schema, table, table + VerificationRecord.SUFFIX, table + "_partial");
        return new Tables(exist[0], exist[1], exist[2]);
    }

    static MigrationResult nothingDone(RunKind kind, String target, List<String> rows, long start) {
        MigrationResult result =
                new MigrationResult(kind, target, rows, rows, List.of(), Duration.ofNanos(System.nanoTime() - start));
        LockedRun.summarize(result);
        return result;
    }

    /**
     * Writes the verification record when the rows are the scripts' heads; best effort (a read-only
     * user or a concurrent writer only means the next start reads the scripts again).
     */
    void recordVerified(
            Connection connection,
            Dialect dialect,
            OnlineRunner.Verification verification,
            List<String> rows,
            long historyId) {
        List<String> heads = verification.heads().get();
        if (!VerificationRecord.sameSet(heads, rows)) {
            return;
        }
        try {
            if (historyId == 0) {
                // A database stamped by Alembic: the record needs the history table it counts from.
                JdbcSupport.createIfMissing(connection, dialect.createHistoryTableIfNotExists(schema, table));
            }
            VerificationRecord.write(connection, dialect, schema, table, verification.fingerprint(), heads, historyId);
        } catch (SQLException e) {
            LOG.debug("Could not record the verification of the scripts: {}", e.getMessage());
        }
    }
}
