package dev.migrations.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrating JVMs killed with {@code kill -9} at random moments, connections terminated by the
 * server, and a server restarted mid-run. Afterwards the version table matches the tables actually
 * there, the advisory lock is free, and a re-run completes; non-transactional revisions cut short
 * are reported with where they stopped and the command that recovers.
 */
class CrashIT {
    private static final int REVISIONS = 30;
    private static final long SEED = Long.getLong("reliability.seed", System.nanoTime());

    private final Pg pg = Pg.server();
    private final Random random = new Random(SEED);

    @TempDir
    Path dir;

    /**
     * Revision n creates table t_n, sleeps a little (so kills land mid-run) and logs itself. Even
     * revisions sleep in a DO block, so their statements go out in one batch with their bookkeeping;
     * a SELECT keeps odd ones statement by statement.
     */
    private Path transactionalScripts() {
        return Revisions.chain(
                dir.resolve("tx"),
                REVISIONS,
                n -> (n == 1 ? "CREATE TABLE run_log (revision text NOT NULL);\n" : "")
                        + "CREATE TABLE t_" + n + " (id int);\n"
                        + (n % 2 == 0 ? "DO $$ BEGIN PERFORM pg_sleep(0.025); END $$;\n" : "SELECT pg_sleep(0.025);\n")
                        + "INSERT INTO run_log VALUES ('" + Revisions.id(n) + "');");
    }

    private static Map<String, String> env(Pg server, String url) {
        return server.password() == null
                ? Map.of("MIGRATIONS_URL", url, "MIGRATIONS_USER", server.user())
                : Map.of(
                        "MIGRATIONS_URL",
                        url,
                        "MIGRATIONS_USER",
                        server.user(),
                        "MIGRATIONS_PASSWORD",
                        server.password());
    }

    @Test
    void killNineAtRandomMomentsLeavesAConsistentDatabaseAndAFreeLock() throws Exception {
        int trials = Jvm.longRun() ? 200 : 30;
        Path scripts = transactionalScripts();
        int midRun = 0;
        long start = System.nanoTime();
        for (int trial = 0; trial < trials; trial++) {
            String db = pg.createDatabase("rel_kill");
            try {
                Jvm.Proc proc = Jvm.cli(
                        dir,
                        "kill-" + trial,
                        env(pg, pg.url(db)),
                        List.of("--location", scripts.toString(), "upgrade", "head"));
                int progress = random.nextInt(REVISIONS);
                awaitRunLog(pg, db, progress, proc);
                Thread.sleep(random.nextInt(30));
                proc.process().destroyForcibly().waitFor();
                int at = assertConsistent(pg, db, "trial " + trial + " (seed " + SEED + ")");
                if (at > 0 && at < REVISIONS) {
                    midRun++;
                }
                Jvm.Result rerun =
                        Jvm.runCli(dir, env(pg, pg.url(db)), "--location", scripts.toString(), "upgrade", "head");
                assertThat(rerun.exit()).as(rerun.all()).isZero();
                assertThat(assertConsistent(pg, db, "re-run of trial " + trial)).isEqualTo(REVISIONS);
            } finally {
                pg.dropDatabase(db);
            }
        }
        Report.write(
                "crash-kill",
                "trials=" + trials + ", killed mid-run (between first and last revision)=" + midRun + ", seed=" + SEED
                        + ", " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(midRun).as("kills that landed mid-run").isGreaterThanOrEqualTo(trials / 3);
    }

    /** Waits until the run log has {@code rows} rows (or the process ended). */
    private static void awaitRunLog(Pg server, String db, int rows, Jvm.Proc proc) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (proc.process().isAlive() && System.nanoTime() < deadline) {
            if (rows == 0 || runLog(server, db) >= rows) {
                return;
            }
            Thread.sleep(5);
        }
    }

    private static long runLog(Pg server, String db) throws SQLException {
        if (server.strings(db, "SELECT to_regclass('run_log')::text").get(0) == null) {
            return 0;
        }
        return server.number(db, "SELECT count(*) FROM run_log");
    }

    /**
     * The version table says revision v; tables t_1..t_v and nothing beyond exist, the run log and the
     * history hold v revisions once each, and no advisory lock is held. Returns v.
     */
    static int assertConsistent(Pg server, String db, String what) throws Exception {
        awaitLockFree(server, db, what);
        List<String> rows = server.strings(
                db, "SELECT CASE WHEN to_regclass('alembic_version') IS NULL THEN NULL" + " ELSE 'x' END");
        List<String> version =
                rows.get(0) == null ? List.of() : server.strings(db, "SELECT version_num FROM alembic_version");
        assertThat(version).as(what).hasSizeLessThanOrEqualTo(1);
        int at = version.isEmpty() ? 0 : Integer.parseInt(version.get(0).substring(1));
        TreeSet<Integer> tables = new TreeSet<>();
        for (String t : server.strings(db, "SELECT tablename FROM pg_tables WHERE tablename ~ '^t_[0-9]+$'")) {
            tables.add(Integer.parseInt(t.substring(2)));
        }
        TreeSet<Integer> expected = new TreeSet<>();
        for (int n = 1; n <= at; n++) {
            expected.add(n);
        }
        assertThat(tables).as(what + ": tables present vs version " + version).isEqualTo(expected);
        assertThat(runLog(server, db)).as(what + ": run log").isEqualTo(at);
        if (at > 0) {
            assertThat(server.number(db, "SELECT count(DISTINCT revision) FROM run_log"))
                    .isEqualTo(at);
            assertThat(server.number(db, "SELECT count(*) FROM alembic_version_history WHERE direction = 'upgrade'"))
                    .as(what + ": history")
                    .isEqualTo(at);
        }
        return at;
    }

    /** A killed client's backend ends when the server notices the closed socket: wait for it, bounded. */
    static void awaitLockFree(Pg server, String db, String what) throws Exception {
        String sql = "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
                + " WHERE l.locktype = 'advisory' AND d.datname = '" + db + "'";
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (server.number(db, sql) > 0) {
            assertThat(System.nanoTime())
                    .as(what + ": the advisory lock is released")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void terminatedConnectionsFailClearlyAndARerunCompletes() throws Exception {
        Path scripts = transactionalScripts();
        int trials = Jvm.longRun() ? 20 : 3;
        List<String> messages = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            String db = pg.createDatabase("rel_drop");
            try {
                String url = Pg.withParam(pg.url(db), "ApplicationName=rel-drop");
                Jvm.Proc proc = Jvm.cli(
                        dir,
                        "drop-" + trial,
                        env(pg, url),
                        List.of("--location", scripts.toString(), "upgrade", "head"));
                awaitRunLog(pg, db, 3 + random.nextInt(REVISIONS / 2), proc);
                pg.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db
                        + "' AND application_name = 'rel-drop'");
                int exit = proc.await(Duration.ofMinutes(1));
                assertThat(exit).as(proc.output()).isEqualTo(255);
                String failed = proc.stdout()
                        .lines()
                        .filter(l -> l.startsWith("FAILED: "))
                        .findFirst()
                        .orElseThrow();
                assertThat(failed)
                        .as("a clear error, not a bug report")
                        .containsAnyOf("terminating connection", "I/O error", "connection", "Connection");
                assertThat(proc.stderr()).doesNotContain("This is a bug");
                messages.add(failed);
                assertConsistent(pg, db, "after the connection drop " + trial);
                Jvm.Result rerun =
                        Jvm.runCli(dir, env(pg, pg.url(db)), "--location", scripts.toString(), "upgrade", "head");
                assertThat(rerun.exit()).as(rerun.all()).isZero();
                assertThat(assertConsistent(pg, db, "re-run after drop " + trial))
                        .isEqualTo(REVISIONS);
            } finally {
                pg.dropDatabase(db);
            }
        }
        Report.write("crash-drop", "trials=" + trials + "; e.g. " + messages.get(0));
    }

    @Test
    void serverRestartedMidRunFailsClearlyAndARerunCompletes() throws Exception {
        Path scripts = transactionalScripts();
        try (PrivatePg server = PrivatePg.start()) {
            Pg admin = server.admin();
            String db = admin.createDatabase("rel_restart");
            Jvm.Proc proc = Jvm.cli(
                    dir,
                    "restart",
                    env(admin, server.url(db)),
                    List.of("--location", scripts.toString(), "upgrade", "head"));
            awaitRunLog(admin, db, REVISIONS / 3, proc);
            server.restart();
            int exit = proc.await(Duration.ofMinutes(1));
            assertThat(exit).as(proc.output()).isEqualTo(255);
            assertThat(proc.stdout()).contains("FAILED: ");
            assertThat(proc.stderr()).doesNotContain("This is a bug");
            int at = assertConsistent(admin, db, "after the restart");
            assertThat(at).isLessThan(REVISIONS);
            Jvm.Result rerun =
                    Jvm.runCli(dir, env(admin, server.url(db)), "--location", scripts.toString(), "upgrade", "head");
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            assertThat(assertConsistent(admin, db, "re-run after restart")).isEqualTo(REVISIONS);
            Report.write(
                    "crash-restart",
                    "server restarted at revision " + at + " of " + REVISIONS + ": "
                            + proc.stdout().strip());
        }
    }

    private static final Pattern HALF = Pattern.compile(
            "Revision (r\\d{4}) \\(.*\\) is not transactional and its upgrade stopped half-way: (\\d) of 5 statements"
                    + " completed");

    /** The recovery the report offers: stamp where the database is, then upgrade to head; both succeed. */
    private void stampThenUpgrade(String db, Path scripts, String revision) throws Exception {
        Jvm.Result stamp = Jvm.runCli(dir, env(pg, pg.url(db)), "--location", scripts.toString(), "stamp", revision);
        assertThat(stamp.exit()).as(stamp.all()).isZero();
        Jvm.Result again = Jvm.runCli(dir, env(pg, pg.url(db)), "--location", scripts.toString(), "upgrade", "head");
        assertThat(again.exit()).as(again.all()).isZero();
    }

    @Test
    void nonTransactionalRevisionCutShortIsReportedWithWhereItStoppedAndHowToRecover() throws Exception {
        int revisions = 12;
        // Five statements: two tables, two sleeps (where kills land), one log row; outside a transaction.
        Path scripts = Revisions.chain(
                dir.resolve("nontx"),
                revisions,
                n -> (n == 1 ? "CREATE TABLE IF NOT EXISTS run_log (revision text NOT NULL);\n" : "")
                        + "CREATE TABLE a_" + n + " (id int);\nSELECT pg_sleep(0.04);\nCREATE TABLE b_" + n
                        + " (id int);\nSELECT pg_sleep(0.04);\nINSERT INTO run_log VALUES ('" + Revisions.id(n) + "');",
                n -> n == 1);
        // Revision 1 is transactional (it creates the log); the rest are not. Kill several times.
        int trials = Jvm.longRun() ? 40 : 6;
        int halfWay = 0;
        String example = null;
        for (int trial = 0; trial < trials; trial++) {
            String db = pg.createDatabase("rel_nontx");
            try {
                Jvm.Proc proc = Jvm.cli(
                        dir,
                        "nontx-" + trial,
                        env(pg, pg.url(db)),
                        List.of("--location", scripts.toString(), "upgrade", "head"));
                awaitRunLog(pg, db, 2 + random.nextInt(revisions - 3), proc);
                Thread.sleep(random.nextInt(80));
                proc.process().destroyForcibly().waitFor();
                awaitLockFree(pg, db, "non-transactional trial " + trial);
                Jvm.Result rerun =
                        Jvm.runCli(dir, env(pg, pg.url(db)), "--location", scripts.toString(), "upgrade", "head");
                if (rerun.exit() == 0) {
                    // Killed between revisions: nothing was half-applied, so the re-run just went on.
                    assertThat(pg.number(db, "SELECT count(*) FROM run_log")).isEqualTo(revisions);
                    continue;
                }
                halfWay++;
                assertThat(rerun.exit()).as(rerun.all()).isEqualTo(255);
                Matcher m = HALF.matcher(rerun.stdout());
                assertThat(m.find()).as(rerun.stdout()).isTrue();
                example = rerun.stdout().strip();
                String revision = m.group(1);
                int n = Integer.parseInt(revision.substring(1));
                int done = Integer.parseInt(m.group(2));
                String current = pg.strings(db, "SELECT version_num FROM alembic_version")
                        .get(0);
                assertThat(current).isEqualTo(Revisions.id(n - 1));
                // Statement k is done when the report says so; the one after may have completed too.
                boolean a = exists(db, "a_" + n);
                boolean b = exists(db, "b_" + n);
                assertThat(a).as(example).isEqualTo(done >= 1 || (done == 0 && a));
                if (done >= 3) {
                    assertThat(b).isTrue();
                }
                if (done < 2) {
                    assertThat(b).isFalse();
                }
                assertThat(rerun.stdout())
                        .contains("The version table still says " + current)
                        .contains("'migrations stamp " + revision + "'");
                if (done == 5) {
                    // Killed after the last statement, before the version row: the one recovery is to stamp it.
                    assertThat(rerun.stdout()).contains("Its statements all ran but its version row was not written");
                    assertThat(a && b).as(example).isTrue();
                    stampThenUpgrade(db, scripts, revision);
                    // Stamped, not re-run: every revision logged exactly once.
                    assertThat(pg.number(db, "SELECT count(*) FROM run_log")).isEqualTo(revisions);
                    continue;
                }
                assertThat(rerun.stdout()).contains("'migrations stamp " + current + "'");
                // Recover the second way the report offers: undo by hand, stamp where it is, run again.
                pg.run(
                        db,
                        "DROP TABLE IF EXISTS a_" + n,
                        "DROP TABLE IF EXISTS b_" + n,
                        "DELETE FROM run_log WHERE revision = '" + revision + "'");
                stampThenUpgrade(db, scripts, current);
                assertThat(pg.number(db, "SELECT count(*) FROM run_log")).isEqualTo(revisions);
                assertThat(pg.number(db, "SELECT count(DISTINCT revision) FROM run_log"))
                        .isEqualTo(revisions);
            } finally {
                pg.dropDatabase(db);
            }
        }
        Report.write("crash-nontransactional", "trials=" + trials + ", half-applied=" + halfWay + "; e.g. " + example);
        assertThat(halfWay)
                .as("kills that landed inside a non-transactional revision")
                .isPositive();
    }

    private boolean exists(String db, String table) throws SQLException {
        return pg.strings(db, "SELECT to_regclass('" + table + "')::text").get(0) != null;
    }
}
