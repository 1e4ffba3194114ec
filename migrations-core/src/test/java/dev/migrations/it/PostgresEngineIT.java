package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrations.LockTimeoutException;
import dev.migrations.MigrationFailedException;
import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import dev.migrations.internal.jdbc.DelegatingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine contract on PostgreSQL, plus what only PostgreSQL has: transactional DDL for a whole
 * run, {@code CREATE INDEX CONCURRENTLY} outside a transaction, {@code lock_timeout}, and the
 * session advisory lock, which must be free after every test.
 */
class PostgresEngineIT extends EngineContract {
    private static final String ADVISORY_LOCKS = "SELECT COUNT(*) FROM pg_catalog.pg_locks"
            + " WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_catalog.pg_database"
            + " WHERE datname = current_database())";

    @Override
    TestDatabase createDatabase() {
        return TestDatabases.postgres();
    }

    @Override
    boolean transactionalDdl() {
        return true;
    }

    @Override
    String undefinedTableSqlState() {
        return "42P01";
    }

    /** Runs before the contract drops the database (subclass callbacks come first). */
    @AfterEach
    void advisoryLockIsFreeAfterEveryTest() throws SQLException {
        assertThat(count(ADVISORY_LOCKS))
                .as("advisory locks held in " + db.name())
                .isZero();
    }

    @Test
    void wholeRunTransactionRollsBackEveryRevisionOnFailure() throws SQLException {
        files.linear("r1", "r2");
        files.rev("r3")
                .revises("r2")
                .upgrade("CREATE TABLE t_r3 (id INT);\nINSERT INTO no_such_table VALUES (1);\n")
                .write();
        files.rev("r4").revises("r3").write();

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> db.configure(scripts)
                .transactionPerMigration(false)
                .load()
                .upgrade("head"));

        assertThat(e).isNotNull();
        assertThat(e.revision()).isEqualTo("r3");
        assertThat(e.sqlState()).isEqualTo("42P01");
        assertThat(e.appliedInRun()).isEmpty();
        assertThat(e.databaseAt()).isEmpty();
        assertThat(e.getMessage()).contains("Applied in this run: nothing.", "The database is at base;");
        assertRows();
        assertTablesOf();
        assertThat(count("SELECT COUNT(*) FROM alembic_version_history")).isZero();

        files.rev("r3").revises("r2").write();
        MigrationResult result =
                db.configure(scripts).transactionPerMigration(false).load().upgrade("head");
        assertThat(ran(result)).containsExactly("r1", "r2", "r3", "r4");
        assertRows("r4");
    }

    @Test
    void nonTransactionalRevisionCreatesIndexConcurrently() throws SQLException {
        files.rev("r1").write();
        files.rev("r2")
                .revises("r1")
                .nonTransactional()
                .upgrade("CREATE INDEX CONCURRENTLY ix_r1_id ON t_r1 (id);\n")
                .downgrade("DROP INDEX CONCURRENTLY ix_r1_id;\n")
                .write();
        files.rev("r3").revises("r2").write();
        String index = "SELECT indexname FROM pg_catalog.pg_indexes WHERE tablename = 't_r1'";

        upgrade("head", "r3");
        assertThat(db.strings(index)).containsExactly("ix_r1_id");
        assertThat(count("SELECT COUNT(*) FROM pg_catalog.pg_index WHERE NOT indisvalid"))
                .isZero();

        downgrade("r1", "r1");
        assertThat(db.strings(index)).isEmpty();

        // In whole-run mode the run's transaction is closed around the non-transactional revision.
        MigrationResult whole =
                db.configure(scripts).transactionPerMigration(false).load().upgrade("head");
        assertThat(ran(whole)).containsExactly("r2", "r3");
        assertRows("r3");
        assertThat(db.strings(index)).containsExactly("ix_r1_id");
    }

    @Test
    void failedNonTransactionalRevisionKeepsItsEarlierStatementsAndSaysSo() throws SQLException {
        files.rev("r1").write();
        files.rev("r2").revises("r1").nonTransactional().upgrade("""
                        CREATE INDEX CONCURRENTLY ix_r1_id ON t_r1 (id);
                        CREATE INDEX CONCURRENTLY ix_missing ON no_such_table (id);
                        """).write();

        MigrationFailedException e =
                catchThrowableOfType(MigrationFailedException.class, () -> engine().upgrade("head"));

        int line = files.lineOf("r2", "no_such_table");
        assertThat(e).isNotNull();
        assertThat(e.appliedInRun()).containsExactly("r1");
        assertThat(e.getMessage())
                .contains(files.path("r2") + ":" + line + ") failed: ")
                .contains("Revision r2 is not transactional: its statements before line " + line
                        + " were applied and stay applied");
        assertRows("r1");
        assertThat(db.strings("SELECT indexname FROM pg_catalog.pg_indexes WHERE tablename = 't_r1'"))
                .containsExactly("ix_r1_id");
    }

    @Test
    void statementTimeoutCancelsLongRunningStatement() throws SQLException {
        files.rev("r1").write();
        // Without the timeout the sleep ends and the upgrade succeeds: the failure itself is the proof.
        files.rev("r2").revises("r1").upgrade("SELECT pg_sleep(5);\n").write();

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> db.configure(scripts)
                .statementTimeout(Duration.ofMillis(200))
                .load()
                .upgrade("head"));

        assertThat(e).isNotNull();
        assertThat(e.sqlState()).isEqualTo("57014");
        assertThat(e.revision()).isEqualTo("r2");
        assertThat(e.line()).isEqualTo(files.lineOf("r2", "pg_sleep(5)"));
        assertThat(e.getMessage()).contains("canceling statement due to statement timeout");
        assertRows("r1");
    }

    @Test
    void ddlLockTimeoutStopsRevisionWaitingForBusyTable() throws Exception {
        db.execute("CREATE TABLE busy (id INT)");
        files.rev("r1").upgrade("ALTER TABLE busy ADD COLUMN note TEXT;\n").write();
        Migrations engine =
                db.configure(scripts).ddlLockTimeout(Duration.ofMillis(300)).load();

        BlockedUpgrade blocked = BlockedUpgrade.upgradeWhileLocked(db, engine, "busy");
        MigrationFailedException e = blocked.failure();
        assertThat(e.sqlState()).isEqualTo("55P03");
        assertThat(e.revision()).isEqualTo("r1");
        assertThat(e.getMessage()).contains("[SQLState 55P03]", files.path("r1") + ":");
        assertRows();
        assertThat(count("SELECT COUNT(*) FROM information_schema.columns"
                        + " WHERE table_name = 'busy' AND column_name = 'note'"))
                .isZero();
    }

    @Test
    void waitingRunnerGivesUpAfterLockWaitTimeoutNamingTheHolder() throws Exception {
        // The holder's revision waits on a gate (a table this test's session keeps locked) instead of a
        // sleep, so it is provably still running when the waiter gives up, however slow the machine.
        files.rev("r1").upgrade("SELECT count(*) FROM gate;\n").write();
        Migrations waiting =
                db.configure(scripts).lockWaitTimeout(Duration.ofMillis(500)).load();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // A migrator of another database on the same server holds the same lock key: it must not be
        // the one named, nor block this database's migrators.
        try (TestDatabase other = TestDatabases.postgres();
                Connection gate = closedGate(db);
                Connection otherGate = closedGate(other)) {
            Future<MigrationResult> elsewhere =
                    pool.submit(() -> other.configure(scripts).load().upgrade("head"));
            awaitAdvisoryLockHolder(other);
            Future<MigrationResult> holder = pool.submit(() -> engine().upgrade("head"));
            long holderPid = awaitAdvisoryLockHolder(db);

            LockTimeoutException e = catchThrowableOfType(LockTimeoutException.class, () -> waiting.upgrade("head"));

            assertThat(e).isNotNull();
            assertThat(e.getMessage())
                    .startsWith("Timed out after 500 ms waiting for the migration lock on alembic_version")
                    .containsPattern("\\(held by pid " + holderPid + "\\b")
                    .contains("lock-wait-timeout");
            assertThat(holder.isDone()).as("the holder still waits at the gate").isFalse();
            gate.commit();
            otherGate.commit();
            assertThat(holder.get(30, TimeUnit.SECONDS).after()).containsExactly("r1");
            assertThat(elsewhere.get(30, TimeUnit.SECONDS).after()).containsExactly("r1");
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(count("SELECT COUNT(*) FROM alembic_version_history")).isEqualTo(1);
    }

    /** A session holding table {@code gate} of the database locked until it commits. */
    private static Connection closedGate(TestDatabase database) throws SQLException {
        database.execute("CREATE TABLE gate (id INT)");
        Connection gate = database.connect();
        gate.setAutoCommit(false);
        try (Statement st = gate.createStatement()) {
            st.execute("LOCK TABLE gate IN ACCESS EXCLUSIVE MODE");
        }
        return gate;
    }

    @Test
    void lockConnectionStaysOutOfTransactionWhenThePoolHandsOutManualCommitConnections() throws Exception {
        files.rev("r1").upgrade("SELECT pg_sleep(1);\n").write();
        DataSource manualCommit = new ManualCommitDataSource(db.dataSource());
        Migrations engine = Migrations.configure()
                .locations("filesystem:" + scripts)
                .dataSource(manualCommit)
                .load();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<MigrationResult> run = pool.submit(() -> engine.upgrade("head"));
            long holder = awaitAdvisoryLockHolder(db);

            // An open transaction on the lock connection would pin the xmin horizon for the whole run
            // and fall to idle_in_transaction_session_timeout, silently dropping the lock.
            assertThat(db.strings("SELECT state FROM pg_catalog.pg_stat_activity WHERE pid = " + holder))
                    .containsExactly("idle");
            assertThat(run.get(30, TimeUnit.SECONDS).after()).containsExactly("r1");
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertRows("r1");
    }

    @Test
    void runWaitingForTheLockHoldsNoTransactionOpenWhenThePoolHandsOutManualCommitConnections() throws Exception {
        files.rev("r1").write();
        engine().upgrade("head");
        files.rev("r2").revises("r1").upgrade("SELECT pg_sleep(1.5);\n").write();
        Migrations waiting = Migrations.configure()
                .locations("filesystem:" + scripts)
                .dataSource(new ManualCommitDataSource(db.dataSource(), "waiting-migrator"))
                .load();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<MigrationResult> holder = pool.submit(() -> engine().upgrade("head"));
            awaitAdvisoryLockHolder(db);
            Future<MigrationResult> second = pool.submit(() -> waiting.upgrade("head"));
            String sessions = "SELECT state FROM pg_catalog.pg_stat_activity"
                    + " WHERE application_name = 'waiting-migrator' ORDER BY state";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (db.strings(sessions).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // The connection that found work to do read the version table first. Left in a transaction
            // while it waits, its reads' locks could block the migrator it waits for.
            assertThat(holder.isDone()).isFalse();
            assertThat(db.strings(sessions)).containsExactly("idle", "idle");
            assertThat(holder.get(30, TimeUnit.SECONDS).after()).containsExactly("r2");
            assertThat(second.get(30, TimeUnit.SECONDS).steps()).isEmpty();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertRows("r2");
    }

    /**
     * Hands out connections with auto-commit off, as a pool configured with autoCommit=false does,
     * optionally named (pg_stat_activity.application_name) so a test can find them.
     */
    private static final class ManualCommitDataSource extends DelegatingDataSource {
        private final String applicationName;

        ManualCommitDataSource(DataSource target) {
            this(target, null);
        }

        ManualCommitDataSource(DataSource target, String applicationName) {
            super(target);
            this.applicationName = applicationName;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = target().getConnection();
            if (applicationName != null) {
                connection.setClientInfo("ApplicationName", applicationName);
            }
            connection.setAutoCommit(false);
            return connection;
        }
    }

    private static long awaitAdvisoryLockHolder(TestDatabase database) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<String> pids = database.strings("SELECT pid FROM pg_catalog.pg_locks WHERE locktype = 'advisory'"
                    + " AND granted AND database = (SELECT oid FROM pg_catalog.pg_database"
                    + " WHERE datname = current_database())");
            if (!pids.isEmpty()) {
                return Long.parseLong(pids.get(0));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no migrator took the advisory lock in " + database);
    }
}
