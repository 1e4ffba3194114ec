package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrations.AppliedStep;
import dev.migrations.MigrationFailedException;
import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * On PostgreSQL a transactional revision's statements go out in one batch with its version-table
 * changes and history row. What users see must not change: a failure names the failing statement's
 * line and leaves the previous revision; statements that return rows still run to completion;
 * functions, DO blocks, timeouts, the history's duration and the bookkeeping checks work as before.
 */
class PostgresRevisionBatchIT {
    @TempDir
    Path scripts;

    private TestDatabase db;
    private RevisionFiles files;

    @BeforeEach
    void openDatabase() {
        db = TestDatabases.postgres();
        files = new RevisionFiles(scripts);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        db.close();
    }

    private Migrations engine() {
        return db.configure(scripts).load();
    }

    private void assertRows(String... expected) throws SQLException {
        assertThat(db.strings("SELECT version_num FROM alembic_version"))
                .as("rows of alembic_version")
                .containsExactlyInAnyOrder(expected);
    }

    private List<String> tables() throws SQLException {
        return db.strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " AND table_name LIKE 't!_%' ESCAPE '!' ORDER BY table_name");
    }

    private List<String> history() throws SQLException {
        return db.strings("SELECT revision || ':' || direction FROM alembic_version_history ORDER BY id");
    }

    private long number(String sql) throws SQLException {
        return db.number(sql);
    }

    /** r1 plain; r2 creates a table, then fails in its second statement, then would create another. */
    private void writeFailingSecondStatement() {
        files.rev("r1").write();
        files.rev("r2").revises("r1").upgrade("""
                        CREATE TABLE t_r2 (id INT);
                        INSERT INTO no_such_table
                            VALUES (1);
                        CREATE TABLE t_r2_b (id INT);
                        """).write();
    }

    private void assertFailedInSecondStatement(MigrationFailedException e) throws SQLException {
        int line = files.lineOf("r2", "no_such_table");
        assertThat(e).isNotNull();
        assertThat(e.revision()).isEqualTo("r2");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.sqlState()).isEqualTo("42P01");
        assertThat(e.appliedInRun()).containsExactly("r1");
        assertThat(e.databaseAt()).containsExactly("r1");
        assertThat(e.getMessage())
                .isEqualTo("Revision r2 (" + files.path("r2") + ":" + line + ") failed: ERROR: relation"
                        + " \"no_such_table\" does not exist [SQLState 42P01]. Applied in this run: r1. The database"
                        + " is at r1; fix the script and run 'upgrade' again.");
        assertRows("r1");
        assertThat(tables()).containsExactly("t_r1");
        assertThat(history()).containsExactly("r1:upgrade");
    }

    @Test
    void failureInTheSecondOfThreeStatementsNamesItsLineAndLeavesThePreviousRevision() throws SQLException {
        writeFailingSecondStatement();

        MigrationFailedException e =
                catchThrowableOfType(MigrationFailedException.class, () -> engine().upgrade("head"));

        assertFailedInSecondStatement(e);
    }

    @Test
    void failureTheDriverDoesNotAttributeIsFoundByRunningTheRevisionAgainStatementByStatement() throws SQLException {
        // Without logServerErrorDetail pgjdbc leaves the failed entry's SQL out of its message.
        writeFailingSecondStatement();
        String url = db.url() + (db.url().contains("?") ? "&" : "?") + "logServerErrorDetail=false";

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> Migrations.configure()
                .locations("filesystem:" + scripts)
                .url(url, db.user(), db.password())
                .load()
                .upgrade("head"));

        assertFailedInSecondStatement(e);
    }

    @Test
    void revisionTheDriverRefusesToBatchRunsStatementByStatementAndFailsAsBefore() throws SQLException {
        // pgjdbc reads $a·$ as no dollar quote and refuses a batch entry holding two statements;
        // PostgreSQL reads it as a dollar quote left open.
        files.rev("r1").write();
        files.rev("r2")
                .revises("r1")
                .upgrade("CREATE TABLE t_r2 (id INT);\nDO $a\u00b7$ BEGIN PERFORM 1; END $a\u00b7$;\n")
                .write();

        MigrationFailedException e =
                catchThrowableOfType(MigrationFailedException.class, () -> engine().upgrade("head"));

        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(files.lineOf("r2", "DO $a"));
        assertThat(e.sqlState()).isEqualTo("42601");
        assertThat(e.getMessage()).contains("unterminated dollar-quoted string");
        assertRows("r1");
        assertThat(tables()).containsExactly("t_r1");
    }

    @Test
    void failingDoBlockIsReportedAtItsFirstLineWithTheServersMessage() throws SQLException {
        files.rev("r1").upgrade("""
                        CREATE TABLE t_r1 (id INT);
                        DO $$
                        BEGIN
                            INSERT INTO t_r1 VALUES (1);
                            RAISE EXCEPTION 'r1 refuses: %', 42;
                        END
                        $$;
                        """).write();

        MigrationFailedException e =
                catchThrowableOfType(MigrationFailedException.class, () -> engine().upgrade("head"));

        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(files.lineOf("r1", "DO $$"));
        assertThat(e.sqlState()).isEqualTo("P0001");
        assertThat(e.getMessage()).contains(") failed: ERROR: r1 refuses: 42 [SQLState P0001]");
        assertRows();
        assertThat(tables()).isEmpty();
        assertThat(history()).isEmpty();
    }

    @Test
    void sqlStandardFunctionBodiesDoBlocksAndProceduresRunInTheirRevision() throws SQLException {
        files.rev("r1").upgrade("""
                        CREATE TABLE t_r1 (id INT);
                        CREATE FUNCTION add_one(x INT) RETURNS INT LANGUAGE sql
                        BEGIN ATOMIC
                            SELECT CASE WHEN x IS NULL THEN NULL ELSE x + 1 END;
                        END;
                        CREATE PROCEDURE fill(n INT) LANGUAGE sql
                        BEGIN ATOMIC
                            INSERT INTO t_r1 SELECT g FROM generate_series(1, n) g;
                            INSERT INTO t_r1 VALUES (-1);
                        END;
                        CALL fill(3);
                        DO $$
                        BEGIN
                            INSERT INTO t_r1 VALUES (100);
                            INSERT INTO t_r1 VALUES (add_one(100));
                        END
                        $$;
                        """).write();

        MigrationResult result = engine().upgrade("head");

        assertThat(result.after()).containsExactly("r1");
        assertThat(number("SELECT add_one(41)")).isEqualTo(42);
        assertThat(db.strings("SELECT id FROM t_r1 ORDER BY id")).containsExactly("-1", "1", "2", "3", "100", "101");
        assertThat(history()).containsExactly("r1:upgrade");
    }

    @Test
    void statementsReturningRowsRunToCompletion() throws SQLException {
        files.rev("r1").upgrade("""
                        CREATE SEQUENCE s_r1;
                        CREATE TABLE t_r1 (id INT);
                        CREATE TABLE calls (n INT);
                        CREATE FUNCTION note(i INT) RETURNS INT LANGUAGE sql
                            AS 'INSERT INTO calls VALUES (i) RETURNING i';
                        SELECT setval('s_r1', 42);
                        SELECT note(g) FROM generate_series(1, 5) g;
                        """).write();
        // Sent in one batch: DML with RETURNING runs to completion whatever is fetched.
        files.rev("r2")
                .revises("r1")
                .upgrade("INSERT INTO t_r1 SELECT g FROM generate_series(1, 4) g RETURNING id;\n")
                .write();
        files.rev("r3").revises("r2").upgrade("""
                        WITH moved AS (DELETE FROM calls WHERE n > 3 RETURNING n)
                            INSERT INTO t_r1 SELECT n * 10 FROM moved;
                        VALUES (note(6)), (note(7));
                        """).write();

        engine().upgrade("head");

        assertRows("r3");
        assertThat(number("SELECT nextval('s_r1')")).isEqualTo(43);
        assertThat(db.strings("SELECT n FROM calls ORDER BY n")).containsExactly("1", "2", "3", "6", "7");
        assertThat(db.strings("SELECT id FROM t_r1 ORDER BY id")).containsExactly("1", "2", "3", "4", "40", "50");
    }

    @Test
    void historyDurationIsTheRevisionsOwnAlsoWhenTheServerTimesIt() throws SQLException {
        files.rev("r1").upgrade("SELECT pg_sleep(0.3);\n").write();
        files.rev("r2")
                .revises("r1")
                .upgrade("CREATE TABLE t_r2 (id INT);\nDO $$ BEGIN PERFORM pg_sleep(0.3); END $$;\n")
                .write();
        files.rev("r3").revises("r2").write();

        MigrationResult result = engine().upgrade("head");

        List<Long> recorded = new ArrayList<>();
        for (String ms : db.strings("SELECT duration_ms FROM alembic_version_history ORDER BY id")) {
            recorded.add(Long.parseLong(ms));
        }
        assertThat(recorded).hasSize(3);
        // A sleep is never shorter than asked, however busy the machine: lower bounds only.
        assertThat(recorded.get(0)).isGreaterThanOrEqualTo(300L);
        assertThat(recorded.get(1)).isGreaterThanOrEqualTo(300L);
        // Timed from its own transaction, not from the run or the revisions before it: on the server's
        // one clock, each revision's [start, start + duration] ends before the next one starts (a
        // duration counted from an earlier start would overlap the revisions before it).
        List<String> spans = db.strings("SELECT (EXTRACT(EPOCH FROM applied_at) * 1000)::numeric(20, 3)"
                + " || ' ' || duration_ms FROM alembic_version_history ORDER BY id");
        for (int i = 0; i + 1 < spans.size(); i++) {
            double start = Double.parseDouble(spans.get(i).split(" ")[0]);
            double nextStart = Double.parseDouble(spans.get(i + 1).split(" ")[0]);
            // duration_ms is rounded to the millisecond
            assertThat(nextStart)
                    .as("revision %d starts after revision %d ended: %s", i + 2, i + 1, spans)
                    .isGreaterThanOrEqualTo(start + recorded.get(i) - 1);
        }
        List<Duration> durations =
                result.steps().stream().map(AppliedStep::duration).toList();
        assertThat(durations.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(durations.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        // The client's measure includes what the server's does.
        assertThat(durations.get(1).toMillis()).isGreaterThanOrEqualTo(recorded.get(1) - 1);
    }

    @Test
    void lockTimeoutStopsTheSecondStatementAtItsLineAndNothingOfTheRevisionStays() throws Exception {
        db.execute("CREATE TABLE busy (id INT)");
        files.rev("r1").upgrade("""
                        CREATE TABLE t_r1 (id INT);
                        ALTER TABLE busy ADD COLUMN note TEXT;
                        CREATE TABLE t_r1_b (id INT);
                        """).write();
        Migrations engine =
                db.configure(scripts).ddlLockTimeout(Duration.ofMillis(300)).load();

        BlockedUpgrade blocked = BlockedUpgrade.upgradeWhileLocked(db, engine, "busy");
        MigrationFailedException e = blocked.failure();
        int line = files.lineOf("r1", "ALTER TABLE busy");
        assertThat(e.sqlState()).isEqualTo("55P03");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).contains(files.path("r1") + ":" + line + ") failed: ", "[SQLState 55P03]");
        assertRows();
        assertThat(tables()).isEmpty();
        assertThat(history()).isEmpty();
        assertThat(number("SELECT COUNT(*) FROM information_schema.columns"
                        + " WHERE table_name = 'busy' AND column_name = 'note'"))
                .isZero();
    }

    @Test
    void statementTimeoutLimitsEachStatementNotTheRevision() throws SQLException {
        // Three statements of 0.4 s under a 1 s timeout: 1.2 s in all, sent together.
        String sleep = "DO $$ BEGIN PERFORM pg_sleep(0.4); END $$;\n";
        files.rev("r1").upgrade(sleep + sleep + sleep).write();
        files.rev("r2")
                .revises("r1")
                .upgrade("CREATE TABLE t_r2 (id INT);\nDO $$ BEGIN PERFORM pg_sleep(5); END $$;\n")
                .write();
        Migrations engine =
                db.configure(scripts).statementTimeout(Duration.ofSeconds(1)).load();

        // r1 (1.2 s in all) passing and r2's sleep being cancelled is the proof; without a timeout r2
        // would succeed, with a per-revision one r1 would fail.
        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> engine.upgrade("head"));

        assertThat(e).isNotNull();
        assertThat(e.revision()).isEqualTo("r2");
        assertThat(e.sqlState()).isEqualTo("57014");
        assertThat(e.line()).isEqualTo(files.lineOf("r2", "pg_sleep(5)"));
        assertThat(e.appliedInRun()).containsExactly("r1");
        assertRows("r1");
        assertThat(tables()).isEmpty();
    }

    @Test
    void sessionEndingUnderABatchIsReportedAtTheStatementThatWasRunning() throws Exception {
        files.rev("r1").write();
        files.rev("r2").revises("r1").upgrade("""
                        CREATE TABLE t_r2 (id INT);
                        DO $$ BEGIN PERFORM pg_sleep(30); END $$;
                        CREATE TABLE t_r2_b (id INT);
                        """).write();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        Throwable thrown;
        try {
            Future<MigrationResult> run = pool.submit(() -> engine().upgrade("head"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long terminated = 0;
            while (terminated == 0 && System.nanoTime() < deadline) {
                terminated =
                        number("SELECT COUNT(pg_catalog.pg_terminate_backend(pid)) FROM pg_catalog.pg_stat_activity"
                                + " WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_catalog.pg_backend_pid()");
                Thread.sleep(10);
            }
            assertThat(terminated)
                    .as("the migrating session, found and terminated")
                    .isEqualTo(1);
            thrown = catchThrowable(() -> run.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(MigrationFailedException.class);
        MigrationFailedException e = (MigrationFailedException) thrown.getCause();
        int line = files.lineOf("r2", "pg_sleep(30)");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.sqlState()).isEqualTo("57P01");
        assertThat(e.getMessage())
                .startsWith("Revision r2 (" + files.path("r2") + ":" + line + ") failed: the connection to the"
                        + " database was lost: ")
                .contains("Applied in this run: r1.", "nothing of r2 stays applied");
        assertRows("r1");
        assertThat(tables()).containsExactly("t_r1");
    }

    @Test
    void versionRowChangedByTheRevisionItselfFailsTheCountCheckAndRollsBack() throws SQLException {
        files.rev("r1").write();
        files.rev("r2")
                .revises("r1")
                .upgrade("CREATE TABLE t_r2 (id INT);\nDELETE FROM alembic_version;\n")
                .write();

        Throwable e = catchThrowable(() -> engine().upgrade("head"));

        assertThat(e)
                .isInstanceOf(MigrationsException.class)
                .hasMessage("Online migration expected to match one row when updating 'r1' to 'r2' in"
                        + " 'alembic_version'; 0 found");
        assertRows("r1");
        assertThat(tables()).containsExactly("t_r1");
        assertThat(history()).containsExactly("r1:upgrade");
    }

    @Test
    void historyRowTheDatabaseRejectsIsABookkeepingFailureAndRollsTheRevisionBack() throws SQLException {
        files.rev("r1").write();
        files.rev("r2")
                .revises("r1")
                .upgrade("CREATE TABLE t_r2 (id INT);\nALTER TABLE alembic_version_history"
                        + " ADD CONSTRAINT no_r2 CHECK (revision <> 'r2');\n")
                .write();

        Throwable e = catchThrowable(() -> engine().upgrade("head"));

        assertThat(e)
                .isInstanceOf(MigrationsException.class)
                .isNotInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("Migration bookkeeping failed: could not update the version table or record"
                        + " the step in the history table: ERROR: new row for relation \"alembic_version_history\""
                        + " violates check constraint \"no_r2\"")
                .hasMessageContaining("[SQLState 23514] Applied in this run: r1.");
        assertRows("r1");
        assertThat(tables()).containsExactly("t_r1");
        assertThat(number("SELECT COUNT(*) FROM pg_catalog.pg_constraint WHERE conname = 'no_r2'"))
                .isZero();
    }

    @Test
    void migratorMovingTheVersionTableDuringARevisionMakesTheRunPlanAgain() throws Exception {
        // Another migrator without the session lock (behind a transaction-mode pooler) applies r2 while
        // this run is in r1: it queues for the version table's lock, gets it when r1 commits, and this
        // run's r2 then finds the rows moved.
        files.rev("r1")
                .upgrade("CREATE TABLE t_r1 (id INT);\nDO $$ BEGIN PERFORM pg_sleep(1); END $$;\n")
                .write();
        files.rev("r2").revises("r1").write();
        files.rev("r3").revises("r2").write();

        ExecutorService pool = Executors.newSingleThreadExecutor();
        MigrationResult result;
        try (Connection other = db.connect()) {
            Future<MigrationResult> run = pool.submit(() -> engine().upgrade("head"));
            awaitVersionTableLockedByARevision();
            other.setAutoCommit(false);
            try (Statement st = other.createStatement()) {
                st.execute("LOCK TABLE alembic_version IN SHARE ROW EXCLUSIVE MODE");
                st.execute("CREATE TABLE t_r2 (id INT)");
                assertThat(st.executeUpdate("UPDATE alembic_version SET version_num = 'r2'"))
                        .isEqualTo(1);
            }
            other.commit();
            result = run.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(result.steps()).extracting(AppliedStep::revision).containsExactly("r1", "r3");
        assertThat(result.after()).containsExactly("r3");
        assertRows("r3");
        assertThat(tables()).containsExactly("t_r1", "t_r2", "t_r3");
        assertThat(history()).containsExactly("r1:upgrade", "r3:upgrade");
    }

    private void awaitVersionTableLockedByARevision() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            long held = number("SELECT COUNT(*) FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_class c"
                    + " ON c.oid = l.relation WHERE c.relname = 'alembic_version'"
                    + " AND l.mode = 'ShareRowExclusiveLock' AND l.granted");
            if (held > 0) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no revision locked alembic_version");
    }
}
