package dev.migrations.internal.runtime;

import dev.migrations.ChecksumMismatch;
import dev.migrations.HistoryEntry;
import dev.migrations.MigrationResult;
import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import dev.migrations.RunKind;
import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.redaction.Redaction;
import dev.migrations.internal.script.RevisionScript;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's door to a database: a read-only look first ({@link ReadOnlyPath}), a run under the
 * migration lock ({@link LockedSection}, {@link LockedRun}) only when there is work, plain reads of the
 * version and history tables, and every run's outcome told to the listeners.
 */
public final class OnlineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(OnlineRunner.class);

    private final MigrationsConfig config;
    private final Supplier<Map<String, RevisionScript>> scripts;
    private final DataSource dataSource;
    private final Listeners listeners;
    private final ReadOnlyPath readOnly;
    private final LockedSection lock;

    /**
     * Creates a runner for a configuration with a data source.
     *
     * @param scripts the revision scripts by id, asked for only when a run needs them
     */
    public OnlineRunner(MigrationsConfig config, Supplier<Map<String, RevisionScript>> scripts) {
        this.config = config;
        this.scripts = scripts;
        this.dataSource = config.dataSource();
        this.listeners = new Listeners(config.listeners());
        this.readOnly = new ReadOnlyPath(config);
        this.lock = new LockedSection(config, listeners, this::connect);
        if (dataSource == null) {
            throw new MigrationsException("No database configured; give a DataSource or a JDBC URL (--url)");
        }
    }

    /** What a command does once the rows are known: the steps to take. */
    public interface Plan {
        /** The steps from these rows. */
        List<Step> steps(List<String> rows);
    }

    /**
     * What lets an upgrade at head skip reading the scripts (see {@link VerificationRecord}): the
     * scripts' listing fingerprint, and their heads (reading the scripts when asked).
     *
     * @param fingerprint the listing fingerprint of the scripts
     * @param heads the graph's heads
     * @param target the run's target: only "heads", and "head" with one head, are answered by a record
     */
    public record Verification(String fingerprint, Supplier<List<String>> heads, String target) {
        /** Whether a database at exactly these heads is at the target. */
        boolean answers(List<String> recordedHeads) {
            return target.equals("heads") || (target.equals("head") && recordedHeads.size() == 1);
        }
    }

    /** Checks to run on the rows before planning (e.g. checksums), under the lock. */
    public interface Check {
        /** Throws when the run must not go on. */
        void check(List<String> rows, Map<String, String> recordedChecksums);
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            // pgjdbc says only "The connection attempt failed." for an unknown host: its cause says which.
            Throwable cause = e.getCause();
            String detail = cause == null
                            || cause.getMessage() == null
                            || e.getMessage() == null
                            || e.getMessage().contains(cause.getMessage())
                    ? ""
                    : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
            throw new MigrationsException(
                    "Could not connect to the database: " + Redaction.redact(e.getMessage() + detail) + sqlState(e)
                            + "; check the URL, user and password, and that the server is running",
                    e);
        }
    }

    static String sqlState(SQLException e) {
        return e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
    }

    static Dialect dialectOf(Connection connection) throws SQLException {
        return Dialect.forProduct(connection.getMetaData().getDatabaseProductName());
    }

    /** The version-table rows, without creating anything; empty when there is no version table. */
    public List<String> readRows() {
        return withConnection(connection -> {
            Dialect dialect = dialectOf(connection);
            if (!JdbcSupport.tableExists(connection, dialect, config.schema(), config.versionTable())) {
                return List.of();
            }
            return JdbcSupport.readRows(connection, dialect, config.schema(), config.versionTable());
        });
    }

    /** The checksum last recorded for each revision (empty without a history table). */
    public Map<String, String> readRecordedChecksums() {
        return withConnection(connection -> recordedChecksums(connection, dialectOf(connection)));
    }

    /** History rows, oldest first (empty without a history table). */
    public List<HistoryEntry> readHistory() {
        return withConnection(connection -> {
            Dialect dialect = dialectOf(connection);
            List<HistoryEntry> result = new ArrayList<>();
            if (!JdbcSupport.tableExists(connection, dialect, config.schema(), config.versionTable() + "_history")) {
                return result;
            }
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery(dialect.selectHistory(config.schema(), config.versionTable()))) {
                while (rs.next()) {
                    result.add(new HistoryEntry(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getTimestamp(3).toInstant(),
                            Duration.ofMillis(rs.getLong(4)),
                            rs.getString(5)));
                }
            }
            return result;
        });
    }

    private Map<String, String> recordedChecksums(Connection connection, Dialect dialect) throws SQLException {
        return JdbcSupport.recordedChecksums(connection, dialect, config.schema(), config.versionTable());
    }

    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(SqlWork<T> work) {
        try (Connection connection = connect()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new MigrationsException("Database error: " + e.getMessage() + sqlState(e), e);
        }
    }

    /**
     * One run of a command.
     *
     * @param kind upgrade, downgrade or stamp
     * @param target the target as given, for messages
     * @param purge whether to empty the version table first ({@code stamp --purge})
     * @param check checks on the rows before planning
     * @param plan the steps from the rows
     * @param verification the scripts' fingerprint and heads, when checksums are validated and the
     *     verification record may be used and written; null otherwise
     */
    public record Run(RunKind kind, String target, boolean purge, Check check, Plan plan, Verification verification) {}

    /**
     * What one read-only look at the database found, without the lock.
     *
     * @param state what could be read
     * @param rows the version-table rows (empty without a version table)
     * @param heads the recorded heads, in load order, when {@code VERIFIED}
     * @param recordedChecksums the checksum last recorded per revision, when {@code READ}
     * @param historyId the history position the rows were read at, or -1 when there is none to vouch from
     */
    public record Look(
            State state, List<String> rows, List<String> heads, Map<String, String> recordedChecksums, long historyId) {
        /** What a look could read. */
        public enum State {
            /** No version table: the database is at base. */
            NO_VERSION_TABLE,
            /** A half-applied revision or tables that cannot be read: only the locked path can tell. */
            UNREADABLE,
            /** The verification record covers the scripts at exactly the rows: nothing to check or plan. */
            VERIFIED,
            /** The rows and recorded checksums. */
            READ
        }
    }

    /** What a caller decides from a look: a run to take under the lock, or null for none. */
    public interface Decision {
        /**
         * Decides, while the look's connection is open.
         *
         * @param look what the look read
         * @param session records the verification of a database found at its heads
         * @return the run to take under the lock on the same connection, or null
         */
        Run decide(Look look, Session session);
    }

    /** What a decision may do on the look's connection. */
    public interface Session {
        /** Records the look's verification when the rows are the scripts' heads (best effort). */
        void recordVerified(Look look, Verification verification);
    }

    /**
     * Runs a command under the migration lock, unless a read-only look (the database's verification
     * record, or the rows and an empty plan) shows there is nothing to do.
     */
    public MigrationResult run(Run run) {
        long start = System.nanoTime();
        // A stamp always takes the locked path: it also clears a half-applied revision's record.
        boolean mayLook = !run.purge() && run.kind() != RunKind.STAMP;
        return reported(run.kind(), run.target(), start, () -> {
            try (Connection connection = connect()) {
                Dialect dialect = dialectOf(connection);
                MigrationResult result = mayLook
                        ? readOnly.nothingToDo(
                                connection, dialect, run, start, readOnly.look(connection, dialect, run.verification()))
                        : null;
                // The connection that looked becomes the one that works: one connection fewer to open.
                return result != null ? result : locked(connection, run, start);
            }
        });
    }

    /** Looks at the database once, read-only, with nothing to decide on the look's connection. */
    public Look look(Verification verification) {
        return withConnection(connection -> readOnly.look(connection, dialectOf(connection), verification));
    }

    /**
     * Looks at the database once, read-only, and lets the caller decide; a run it decides on is taken
     * under the lock on the connection that looked.
     *
     * @param verification what the look may compare the verification record with; null to read the rows
     * @return the run's result, or null when the decision was to run nothing
     */
    public MigrationResult look(Verification verification, Decision decision) {
        long start = System.nanoTime();
        try (Connection connection = connect()) {
            Dialect dialect = dialectOf(connection);
            Look look = readOnly.look(connection, dialect, verification);
            Run run = decision.decide(
                    look, (seen, recorded) -> readOnly.recordVerified(connection, dialect, recorded, seen));
            if (run == null) {
                return null;
            }
            return reported(run.kind(), run.target(), start, () -> locked(connection, run, start));
        } catch (SQLException e) {
            throw new MigrationsException("Database error: " + e.getMessage() + sqlState(e), e);
        }
    }

    private interface RunWork {
        MigrationResult run() throws SQLException;
    }

    /** Runs the work, telling the listeners how it ended, with errors in the engine's words. */
    private MigrationResult reported(RunKind kind, String target, long start, RunWork work) {
        MigrationResult result;
        try {
            result = work.run();
        } catch (SQLException e) {
            MigrationsException error = ConnectionLoss.lost(e)
                    ? ConnectionLoss.duringRun(kind.label(), StepFailure.firstLine(e.getMessage()) + sqlState(e), e)
                    : new MigrationsException(
                            "Database error: " + e.getMessage() + sqlState(e) + ConnectionLoss.advice(e), e);
            listeners.runFailed(kind, target, error, Duration.ofNanos(System.nanoTime() - start));
            throw error;
        } catch (MigrationsException e) {
            listeners.runFailed(kind, target, e, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        } catch (RuntimeException e) {
            MigrationsException reported = new MigrationsException("Unexpected error: " + e, e);
            listeners.runFailed(kind, target, reported, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
        listeners.runFinished(result);
        return result;
    }

    private MigrationResult locked(Connection connection, Run run, long start) throws SQLException {
        return lock.underLock(
                connection, (work, dialect, held) -> new LockedRun(config, scripts.get(), listeners, readOnly)
                        .run(work, dialect, held, run, start));
    }

    /**
     * Reports a run of {@code command} that found nothing to do at {@code rows} (the log line and the
     * listeners' finished run), as {@link #run} does, for a caller that established it itself.
     */
    public MigrationResult reportNothingToDo(RunKind kind, String target, List<String> rows, long start) {
        MigrationResult result = ReadOnlyPath.nothingDone(kind, target, rows, start);
        listeners.runFinished(result);
        return result;
    }

    /**
     * Records the current checksum of scripts whose recorded checksum differs, after a deliberate and
     * reviewed edit. Runs under the migration lock.
     *
     * @param select picks, from the rows and the recorded checksums, the scripts to record
     * @return the revisions recorded
     */
    public List<String> recordChecksums(
            java.util.function.BiFunction<List<String>, Map<String, String>, List<RevisionScript>> select) {
        String schema = config.schema();
        String table = config.versionTable();
        try {
            return lock.underLock((connection, dialect, held) -> {
                JdbcSupport.createIfMissing(connection, dialect.createHistoryTableIfNotExists(schema, table));
                List<String> rows = JdbcSupport.tableExists(connection, dialect, schema, table)
                        ? JdbcSupport.readRows(connection, dialect, schema, table)
                        : List.of();
                String user = JdbcSupport.queryString(connection, dialect.currentUser());
                List<String> recorded = new ArrayList<>();
                for (RevisionScript script : select.apply(rows, recordedChecksums(connection, dialect))) {
                    JdbcSupport.insertHistory(
                            connection,
                            dialect,
                            schema,
                            table,
                            new JdbcSupport.HistoryRow(
                                    script.revision(), "checksum", "", "", script.checksum(), 0, user));
                    LOG.info(
                            "Recorded checksum {} for revision {} ({})",
                            script.checksum(),
                            script.revision(),
                            script.path());
                    recorded.add(script.revision());
                }
                return recorded;
            });
        } catch (SQLException e) {
            throw new MigrationsException("Database error: " + e.getMessage() + sqlState(e), e);
        }
    }

    /** Checksum mismatches between recorded checksums and the scripts, for revisions the rows imply. */
    public static List<ChecksumMismatch> mismatches(
            Iterable<String> applied, Map<String, String> recorded, Function<String, RevisionScript> scriptOf) {
        List<ChecksumMismatch> result = new ArrayList<>();
        for (String revision : applied) {
            String checksum = recorded.get(revision);
            RevisionScript script = scriptOf.apply(revision);
            if (checksum != null && script != null && !checksum.equals(script.checksum())) {
                result.add(new ChecksumMismatch(revision, script.path(), checksum, script.checksum()));
            }
        }
        return result;
    }
}
