package dev.migrations.runtime;

import dev.migrations.MigrationResult;
import dev.migrations.MigrationsConfig;
import dev.migrations.dialect.Dialect;
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

    /** The rows and heads when the record covers the scripts at exactly the current rows, else null. */
    OnlineRunner.Verified verified(Connection connection, Dialect dialect, String fingerprint) {
        try {
            Tables tables = tables(connection, dialect);
            if (!tables.version() || !tables.verified()) {
                return null;
            }
            VerificationRecord.Claim claim = VerificationRecord.read(connection, dialect, schema, table);
            if (claim == null) {
                return null;
            }
            List<String> rows = JdbcSupport.readRows(connection, dialect, schema, table);
            if (!claim.verifies(fingerprint, rows)
                    || (tables.partial() && StatementProgress.pending(connection, dialect, schema, table))) {
                return null;
            }
            return new OnlineRunner.Verified(rows, claim.heads());
        } catch (SQLException e) {
            // Tables dropped or changed by hand: the full path reads them and explains.
            LOG.debug("Verification record not usable: {}", e.getMessage());
            return null;
        }
    }

    /**
     * The run's result when there is nothing to do, or null when there is work, a half-applied
     * revision, or no version table yet; the locked run then reads everything again, so a migrator
     * that moves the table in between is seen there. An empty plan needs no lock: the rows it was
     * made from are committed state.
     */
    MigrationResult nothingToDo(
            Connection connection,
            Dialect dialect,
            String command,
            String target,
            OnlineRunner.Check check,
            OnlineRunner.Plan plan,
            long start,
            OnlineRunner.Verification verification)
            throws SQLException {
        Tables tables = tables(connection, dialect);
        if (!tables.version()) {
            return null;
        }
        List<String> rows;
        Map<String, String> checksums;
        long historyId = -1;
        try {
            // The history's newest id is read before the rows and checksums it vouches for.
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
            rows = JdbcSupport.readRows(connection, dialect, schema, table);
            if (tables.partial() && StatementProgress.pending(connection, dialect, schema, table)) {
                return null; // a half-applied revision: the locked path explains
            }
            if (claim != null
                    && verification.answers(claim.heads())
                    && claim.verifies(verification.fingerprint(), rows)) {
                LOG.debug("Scripts unchanged since verified at history row {}", claim.historyId());
                return nothingDone(command, target, rows, start);
            }
            checksums = JdbcSupport.recordedChecksums(connection, dialect, schema, table);
        } catch (SQLException e) {
            // Tables of another shape (another tool's) or a broken session: the locked path checks
            // the tables first and explains.
            return null;
        }
        check.check(rows, checksums);
        if (!plan.steps(rows).isEmpty()) {
            return null;
        }
        if (verification != null && historyId >= 0) {
            recordVerified(connection, dialect, verification, rows, historyId);
        }
        return nothingDone(command, target, rows, start);
    }

    /** Which of the engine's tables exist: the version table, the verification record, the progress record. */
    private record Tables(boolean version, boolean verified, boolean partial) {}

    private Tables tables(Connection connection, Dialect dialect) throws SQLException {
        boolean[] exist = JdbcSupport.tablesExist(
                connection, dialect, schema, table, table + VerificationRecord.SUFFIX, table + "_partial");
        return new Tables(exist[0], exist[1], exist[2]);
    }

    static MigrationResult nothingDone(String command, String target, List<String> rows, long start) {
        MigrationResult result = new MigrationResult(
                command, target, rows, rows, List.of(), Duration.ofNanos(System.nanoTime() - start));
        OnlineRunner.summarize(result);
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
