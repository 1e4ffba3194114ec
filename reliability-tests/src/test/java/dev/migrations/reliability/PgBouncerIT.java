package dev.migrations.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLI processes migrating through a real PgBouncer in transaction mode, where a session advisory lock
 * protects nothing: the engine sees that its connection is not a server session of its own and takes
 * the lease instead. Every revision writes a row into a run log, so one that ran twice shows; every
 * fifth is {@code Transactional: false} with a {@code CREATE INDEX CONCURRENTLY}.
 */
class PgBouncerIT {
    private static final int REVISIONS = 30;
    private static final int CLIS = 10;

    private static final Pg PG = Pg.server();
    private static PgBouncer bouncer;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBouncer() throws Exception {
        // Fewer server connections than migrators, so they share them as in production.
        bouncer = PgBouncer.start(PG, 4);
    }

    @AfterAll
    static void stopBouncer() {
        if (bouncer != null) {
            bouncer.close();
        }
    }

    private Path scripts(IntSql extra) {
        return Revisions.chain(
                dir.resolve("db/migrations"),
                REVISIONS,
                n -> (n == 1 ? "CREATE TABLE run_log (revision text NOT NULL, backend_pid int NOT NULL);\n" : "")
                        + "INSERT INTO run_log VALUES ('" + Revisions.id(n) + "', pg_backend_pid());\n"
                        + (n % 5 == 0 ? "CREATE INDEX CONCURRENTLY run_log_" + n + " ON run_log (revision);\n" : "")
                        + extra.sql(n),
                n -> n % 5 != 0);
    }

    private interface IntSql {
        String sql(int n);
    }

    @Test
    void tenConcurrentUpgradesThroughPgBouncerApplyEachRevisionOnce() throws Exception {
        Path scripts = scripts(n -> "");
        int rounds = Jvm.longRun() ? 10 : 1;
        List<String> report = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String db = PG.createDatabase("rel_bouncer");
            try {
                Path work = dir.resolve("round" + round);
                Path go = work.resolve("go");
                List<Jvm.Proc> procs = new ArrayList<>();
                for (int i = 0; i < CLIS; i++) {
                    procs.add(barrier(work, "cli-" + i, go, scripts, List.of("upgrade", "head"), db));
                }
                awaitReady(work, procs);
                long start = System.nanoTime();
                Files.writeString(go, "go");
                int waited = 0;
                int leases = 0;
                for (Jvm.Proc proc : procs) {
                    assertThat(proc.await(Duration.ofMinutes(3)))
                            .as(proc.output())
                            .isZero();
                    String all = proc.stdout() + proc.stderr();
                    // A run that starts after the others finished sees the head without taking any lock.
                    boolean leased = all.contains("taking a lease on alembic_version_lock");
                    assertThat(leased || all.contains("Nothing to do: the database is at " + Revisions.id(REVISIONS)))
                            .as(proc.output())
                            .isTrue();
                    leases += leased ? 1 : 0;
                    waited += all.contains("Waiting for the migration lock on alembic_version held by host") ? 1 : 0;
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(leases).as("runs that took the lease").isPositive();
                assertAppliedOnce(db);
                report.add("round " + round + ": " + CLIS + " runs exited 0 in " + millis + " ms, " + leases
                        + " took the lease, " + waited + " said whom they waited for; run_log rows="
                        + PG.number(db, "SELECT count(*) FROM run_log") + ", upgrade history rows="
                        + PG.number(db, "SELECT count(*) FROM alembic_version_history WHERE direction = 'upgrade'")
                        + " for " + REVISIONS + " revisions");
            } finally {
                PG.dropDatabase(db);
            }
        }
        Report.write("pgbouncer-concurrency", String.join("\n", report));
    }

    @Test
    void aKilledHolderBlocksOthersOnlyUntilItsLeaseExpires() throws Exception {
        // Revision 12 waits in its transaction for a lock the test holds: the holder is parked there,
        // lease held, server busy, until the test has killed it and lets the orphaned statement end.
        Path scripts = scripts(n -> n == 12 ? "SELECT pg_advisory_xact_lock(4242);\n" : "");
        String db = PG.createDatabase("rel_bouncer_kill");
        Connection gate = PG.connect(PG.url(db));
        try {
            try (Statement st = gate.createStatement()) {
                st.execute("SELECT pg_advisory_lock(4242)");
            }
            Path work = dir.resolve("kill");
            Jvm.Proc holder = Jvm.cli(work, "holder", env(db), args(scripts, List.of("upgrade", "head")));
            awaitParked(db, holder);
            String holderId = row(db, "SELECT holder FROM alembic_version_lock").get("holder");
            assertThat(holderId).contains("pid " + holder.process().pid());

            // The others start while the holder is alive and say whom they wait for; only then is it
            // killed, so what they wait through is the lease's expiry, however slowly their JVMs started.
            List<Jvm.Proc> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                others.add(Jvm.cli(work, "next-" + i, env(db), args(scripts, List.of("upgrade", "head"))));
            }
            for (Jvm.Proc proc : others) {
                awaitOutput(proc, "held by " + holderId);
            }
            holder.process().destroyForcibly().waitFor();
            Map<String, String> lease = row(db, "SELECT holder, expires_at, now() FROM alembic_version_lock");
            assertThat(lease.get("holder")).isEqualTo(holderId);
            gate.close();

            Map<String, String> takeover = awaitTakeover(db, lease);
            for (Jvm.Proc proc : others) {
                assertThat(proc.await(Duration.ofMinutes(3))).as(proc.output()).isZero();
            }
            assertThat(takeover.get("after_expiry"))
                    .as("the lease was taken over only once it had expired: " + takeover + " " + lease)
                    .isEqualTo("t");
            assertAppliedOnce(db);
            Report.write(
                    "pgbouncer-kill",
                    "holder killed in revision 12 with 3 s lease expiry; lease expired "
                            + takeover.get("expired_after_kill_ms") + " ms after the kill, taken over "
                            + takeover.get("taken_after_expiry_ms") + " ms after it expired; run_log rows="
                            + PG.number(db, "SELECT count(*) FROM run_log") + " for " + REVISIONS + " revisions");
        } finally {
            gate.close();
            PG.dropDatabase(db);
        }
    }

    /**
     * Applications with the starter, each over its own Hikari pool pointed at PgBouncer (the URL the
     * application itself uses, nothing bypassing the pooler), starting together with CLI runs: the
     * starter takes the lease too, and every revision runs once.
     */
    @Test
    void applicationsStartingTogetherThroughPgBouncerApplyEachRevisionOnce() throws Exception {
        Path scripts = scripts(n -> "");
        String db = PG.createDatabase("rel_bouncer_apps");
        try {
            Path work = dir.resolve("apps");
            Path go = work.resolve("go");
            List<Jvm.Proc> procs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                procs.add(Jvm.appAtBarrier(
                        work,
                        "app-" + i,
                        go,
                        List.of(
                                // What an application behind PgBouncer before 1.21 needs for its own
                                // queries; the migration itself would not.
                                "--spring.datasource.url=" + bouncer.url(db) + "?prepareThreshold=0",
                                "--spring.datasource.username=" + PG.user(),
                                "--spring.datasource.password=" + (PG.password() == null ? "" : PG.password()),
                                "--spring.datasource.hikari.maximum-pool-size=2",
                                "--migrations.lease-expiry=3s",
                                "--migrations.locations=filesystem:" + scripts)));
            }
            for (int i = 0; i < 2; i++) {
                procs.add(barrier(work, "cli-" + i, go, scripts, List.of("upgrade", "head"), db));
            }
            awaitReady(work, procs);
            Files.writeString(go, "go");
            int leases = 0;
            for (Jvm.Proc proc : procs) {
                assertThat(proc.await(Duration.ofMinutes(3))).as(proc.output()).isZero();
                String all = proc.stdout() + proc.stderr();
                if (proc.name().startsWith("app")) {
                    assertThat(proc.stdout())
                            .as("the application started at head: " + proc.output())
                            .contains("APP-AT [" + Revisions.id(REVISIONS) + "]");
                }
                leases += all.contains("taking a lease on alembic_version_lock") ? 1 : 0;
            }
            assertThat(leases)
                    .as("runs (applications or CLIs) that took the lease")
                    .isPositive();
            assertAppliedOnce(db);
        } finally {
            PG.dropDatabase(db);
        }
    }

    @Test
    void timeoutsReachEveryRevisionTransactionThroughThePooler() throws Exception {
        Path scripts = Revisions.chain(
                dir.resolve("timeouts"),
                6,
                n -> (n == 1 ? "CREATE TABLE seen (revision text, lock_timeout text, statement_timeout text);\n" : "")
                        + "INSERT INTO seen VALUES ('" + Revisions.id(n) + "', current_setting('lock_timeout'),"
                        + " current_setting('statement_timeout'));");
        String db = PG.createDatabase("rel_bouncer_timeouts");
        try {
            List<String> command = new ArrayList<>(args(scripts, List.of()));
            command.addAll(List.of("--ddl-lock-timeout", "1500ms", "--statement-timeout", "7s", "upgrade", "head"));
            Jvm.Proc run = Jvm.cli(dir.resolve("timeouts-run"), "timeouts", env(db), command);
            assertThat(run.await(Duration.ofMinutes(2))).as(run.output()).isZero();
            assertThat(PG.strings(db, "SELECT DISTINCT lock_timeout || ' ' || statement_timeout FROM seen"))
                    .as("every revision's transaction ran with the timeouts (SET LOCAL), on whichever server"
                            + " connection it got")
                    .containsExactly("1500ms 7s");
            assertThat(PG.number(db, "SELECT count(*) FROM seen")).isEqualTo(6);
        } finally {
            PG.dropDatabase(db);
        }
    }

    private void assertAppliedOnce(String db) throws Exception {
        assertThat(PG.strings(db, "SELECT version_num FROM alembic_version")).containsExactly(Revisions.id(REVISIONS));
        assertThat(PG.strings(
                        db, "SELECT revision || ' x' || count(*) FROM run_log GROUP BY revision HAVING count(*) <> 1"))
                .as("revisions that ran more than once")
                .isEmpty();
        assertThat(PG.number(db, "SELECT count(*) FROM run_log")).isEqualTo(REVISIONS);
        assertThat(PG.number(db, "SELECT count(*) FROM alembic_version_history WHERE direction = 'upgrade'"))
                .isEqualTo(REVISIONS);
        assertThat(PG.number(db, "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'run_log_%'"))
                .isEqualTo(REVISIONS / 5);
        assertThat(PG.number(db, "SELECT count(*) FROM alembic_version_lock"))
                .as("the last run released its lease")
                .isZero();
        assertThat(PG.number(
                        db,
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database ="
                                + " (SELECT oid FROM pg_database WHERE datname = current_database())"))
                .as("no advisory lock left on a pooled server connection")
                .isZero();
    }

    private void awaitParked(String db, Jvm.Proc holder) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (PG.number(
                        db,
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND query LIKE 'SELECT pg_advisory_xact_lock(4242)%' AND wait_event_type = 'Lock'")
                == 0) {
            assertThat(holder.process().isAlive()).as(holder.output()).isTrue();
            assertThat(System.nanoTime()).as("the holder reached revision 12").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Waits until the process has written the text (to stdout or stderr), failing if it exits first. */
    private static void awaitOutput(Jvm.Proc proc, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!(proc.stdout() + proc.stderr()).contains(text)) {
            assertThat(proc.process().isAlive())
                    .as("still running, before writing " + text + ": " + proc.output())
                    .isTrue();
            assertThat(System.nanoTime()).as(proc.name() + " wrote " + text).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Polls the lease row until another holder has it: when, by the server's clock, against the old expiry. */
    private Map<String, String> awaitTakeover(String db, Map<String, String> killed) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, String> now = row(
                    db,
                    "SELECT holder, CASE WHEN acquired_at >= k.expires_at THEN 't' ELSE 'f' END AS after_expiry,"
                            + " CAST(EXTRACT(EPOCH FROM acquired_at - k.expires_at) * 1000 AS BIGINT)"
                            + " AS taken_after_expiry_ms, CAST(EXTRACT(EPOCH FROM k.expires_at - k.killed_at) * 1000"
                            + " AS BIGINT) AS expired_after_kill_ms FROM alembic_version_lock,"
                            + " (SELECT CAST('" + killed.get("expires_at") + "' AS timestamptz) AS expires_at, CAST('"
                            + killed.get("now") + "' AS timestamptz) AS killed_at) k");
            if (now != null && !killed.get("holder").equals(now.get("holder"))) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("nobody took the killed holder's lease over");
    }

    private Map<String, String> row(String db, String sql) throws Exception {
        try (Connection c = PG.connect(PG.url(db));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
            }
            return row;
        }
    }

    private Jvm.Proc barrier(Path work, String name, Path go, Path scripts, List<String> command, String db)
            throws Exception {
        List<String> main = new ArrayList<>(List.of(
                work.resolve("ready-" + name).toString(), go.toString(), "dev.migrations.cli.MigrationsCommand"));
        main.addAll(args(scripts, command));
        return Jvm.main(
                work, name, env(db), List.of(Jvm.cliJar().toString()), List.of(), AwaitStart.class.getName(), main);
    }

    private static List<String> args(Path scripts, List<String> command) {
        List<String> args = new ArrayList<>(
                List.of("--location", scripts.toString(), "--lease-expiry", "3s", "--lock-wait-timeout", "2m"));
        args.addAll(command);
        return args;
    }

    private static void awaitReady(Path work, List<Jvm.Proc> procs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (Jvm.Proc proc : procs) {
            while (!Files.exists(work.resolve("ready-" + proc.name()))) {
                assertThat(proc.process().isAlive()).as(proc.output()).isTrue();
                assertThat(System.nanoTime()).as("all processes at the barrier").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private static Map<String, String> env(String db) {
        Map<String, String> env =
                new HashMap<>(Map.of("MIGRATIONS_URL", bouncer.url(db), "MIGRATIONS_USER", PG.user()));
        if (PG.password() != null) {
            env.put("MIGRATIONS_PASSWORD", PG.password());
        }
        return env;
    }
}
