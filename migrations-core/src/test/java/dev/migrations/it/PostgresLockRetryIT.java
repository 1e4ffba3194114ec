package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.migrations.LockMode;
import dev.migrations.MigrationFailedException;
import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ddl-lock-retries}: a revision whose ALTER gives up waiting behind another session's lock
 * ({@code lock_timeout}) is rolled back and tried again, with the migration lock kept, until the
 * blocker is gone or the attempts are used up. Attempts are counted on the server: each one is a new
 * transaction waiting in {@code pg_locks} for the table.
 */
class PostgresLockRetryIT {
    @TempDir
    Path scripts;

    private final TestDatabase db = TestDatabases.postgres();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private RevisionFiles files;

    @BeforeEach
    void tables() throws SQLException {
        files = new RevisionFiles(scripts);
        files.rev("r0").upgrade("CREATE TABLE ledger (revision TEXT);\n").write();
        files.rev("r1")
                .revises("r0")
                .upgrade("INSERT INTO ledger VALUES ('r1');\nALTER TABLE busy ADD COLUMN note TEXT;\n")
                .write();
        db.execute("CREATE TABLE busy (id INT)", "INSERT INTO busy VALUES (1)");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        db.close();
    }

    @Test
    void aRevisionBlockedByALongQueryIsAppliedOnceOnALaterAttempt() throws Exception {
        Migrations engine = engine(300, 20, 100);
        long advisoryLocksBetweenAttempts;
        Set<String> attempts;
        try (Connection blocker = readingTransaction()) {
            Future<MigrationResult> run = pool.submit(() -> engine.upgrade("head"));
            attempts = awaitAttempts(2, run);
            advisoryLocksBetweenAttempts = db.number("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
            assertThat(run.isDone())
                    .as("the run waits while the long query holds its lock")
                    .isFalse();
            blocker.rollback();
            assertThat(run.get(60, TimeUnit.SECONDS).after()).containsExactly("r1");
        }
        assertThat(attempts).as("transactions that waited for the table").hasSizeGreaterThanOrEqualTo(2);
        assertThat(advisoryLocksBetweenAttempts)
                .as("the migration lock is kept between attempts")
                .isEqualTo(1);
        assertThat(db.strings("SELECT revision FROM ledger")).containsExactly("r1");
        assertThat(noteColumns()).isEqualTo(1);
        assertThat(db.number("SELECT count(*) FROM alembic_version_history WHERE revision = 'r1'"))
                .isEqualTo(1);
    }

    @Test
    void aBlockerThatNeverLetsGoFailsAfterTheLastAttemptWithNothingOfTheRevisionApplied() throws Exception {
        Migrations engine = engine(200, 2, 50);
        Refused refused = upgradeBehindAReader(engine);
        MigrationFailedException e = refused.failure();
        assertThat(refused.attempts()).hasSizeBetween(1, 3);
        assertThat(e.revision()).isEqualTo("r1");
        assertThat(e.sqlState()).isEqualTo("55P03");
        assertThat(e.getMessage())
                .contains(
                        files.path("r1") + ":" + files.lineOf("r1", "ALTER TABLE busy"),
                        "[SQLState 55P03]",
                        "Applied in this run: r0.")
                .contains("It was tried 3 times (2 retries", "pg_stat_activity", "ddl-lock-retries")
                .contains("The database is at r0;");
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly("r0");
        assertThat(db.number("SELECT count(*) FROM ledger")).isZero();
        assertThat(noteColumns()).isZero();
    }

    @Test
    void withoutRetriesTheFirstLockTimeoutFailsTheRunAndSaysHowToRetry() throws Exception {
        Migrations engine = engine(500, 0, 50);
        Refused refused = upgradeBehindAReader(engine);
        MigrationFailedException e = refused.failure();
        assertThat(refused.attempts()).hasSize(1);
        assertThat(e.getMessage())
                .contains("[SQLState 55P03]", "let the engine retry with ddl-lock-retries")
                .doesNotContain("It was tried");
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly("r0");
        assertThat(noteColumns()).isZero();
    }

    @Test
    void theLeaseHeartbeatKeepsTheLeaseThroughRetriesLongerThanItsExpiry() throws Exception {
        Migrations engine = db.configure(scripts)
                .lockMode(LockMode.LEASE)
                .leaseExpiry(Duration.ofSeconds(1))
                .ddlLockTimeout(Duration.ofMillis(300))
                .ddlLockRetries(30)
                .ddlLockRetryDelay(Duration.ofMillis(200))
                .load();
        try (Connection blocker = readingTransaction()) {
            Future<MigrationResult> run = pool.submit(() -> engine.upgrade("head"));
            // Four attempts of 300 ms and three pauses: longer than the 1 s expiry, so only renewals
            // keep the lease this run's when it checks it before the next attempt.
            awaitAttempts(4, run);
            blocker.rollback();
            assertThat(run.get(60, TimeUnit.SECONDS).after()).containsExactly("r1");
        }
        assertThat(db.strings("SELECT revision FROM ledger")).containsExactly("r1");
        assertThat(db.number("SELECT count(*) FROM alembic_version_lock")).isZero();
    }

    @Test
    void aRevisionOutsideATransactionIsNotRetried() throws Exception {
        files.rev("r1")
                .revises("r0")
                .nonTransactional()
                .upgrade("ALTER TABLE busy ADD COLUMN note TEXT;\n")
                .write();
        Migrations engine = engine(500, 5, 50);
        Refused refused = upgradeBehindAReader(engine);
        MigrationFailedException e = refused.failure();
        assertThat(refused.attempts()).hasSize(1);
        assertThat(e.getMessage())
                .contains(
                        "[SQLState 55P03]",
                        "Revision r1 runs outside a transaction, so the lock timeout was not" + " retried.");
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly("r0");
        assertThat(noteColumns()).isZero();
    }

    /** An engine with a lock timeout, retries and a first retry delay (milliseconds). */
    private Migrations engine(int lockTimeoutMillis, int retries, int delayMillis) {
        return db.configure(scripts)
                .ddlLockTimeout(Duration.ofMillis(lockTimeoutMillis))
                .ddlLockRetries(retries)
                .ddlLockRetryDelay(Duration.ofMillis(delayMillis))
                .load();
    }

    /** A run that failed behind a reader, and the transactions of it that waited for the table. */
    private record Refused(MigrationFailedException failure, Set<String> attempts) {}

    /** Runs the upgrade while a reader holds {@code busy} throughout, counting its waiting transactions. */
    private Refused upgradeBehindAReader(Migrations engine) throws Exception {
        Set<String> attempts = new LinkedHashSet<>();
        Throwable thrown;
        try (Connection blocker = readingTransaction()) {
            Future<MigrationResult> run = pool.submit(() -> engine.upgrade("head"));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!run.isDone() && System.nanoTime() < deadline) {
                attempts.addAll(waiting());
                Thread.sleep(10);
            }
            thrown = catchThrowable(() -> run.get(60, TimeUnit.SECONDS));
            assertThat(waiting()).as("no attempt after the failure").isEmpty();
            blocker.rollback();
        }
        return new Refused(failure(thrown), attempts);
    }

    /** A session in the middle of a long read of {@code busy}: it holds ACCESS SHARE until rolled back. */
    private Connection readingTransaction() throws SQLException {
        Connection blocker = db.connect();
        blocker.setAutoCommit(false);
        try (Statement st = blocker.createStatement()) {
            st.executeQuery("SELECT count(*) FROM busy").close();
        }
        return blocker;
    }

    /**
     * Polls until {@code count} different transactions have waited for a lock on {@code busy} (or the
     * run ended, or a minute passed), and returns the transactions seen.
     */
    private Set<String> awaitAttempts(int count, Future<?> run) throws SQLException, InterruptedException {
        Set<String> seen = new LinkedHashSet<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (seen.size() < count && !run.isDone() && System.nanoTime() < deadline) {
            seen.addAll(waiting());
            Thread.sleep(10);
        }
        assertThat(seen).as("transactions that waited for busy").hasSizeGreaterThanOrEqualTo(count);
        return seen;
    }

    /** The transactions now waiting for a lock on {@code busy}. */
    private Set<String> waiting() throws SQLException {
        Set<String> result = new LinkedHashSet<>();
        try (Connection connection = db.connect();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT l.virtualtransaction FROM pg_locks l"
                        + " WHERE NOT l.granted AND l.relation = 'busy'::regclass")) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    private long noteColumns() throws SQLException {
        return db.number("SELECT count(*) FROM information_schema.columns"
                + " WHERE table_name = 'busy' AND column_name = 'note'");
    }

    private static MigrationFailedException failure(Throwable thrown) {
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(MigrationFailedException.class);
        return (MigrationFailedException) thrown.getCause();
    }
}
