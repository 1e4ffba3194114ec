package dev.migrations.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.reliability.app.ReliabilityApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server restarted in the middle of a run, on a private server of the test's own: the run fails
 * with the connection-loss message (the revision whose statement was cut off, that it was rolled
 * back, what to do), the database is consistent, and a re-run completes with every revision applied
 * once. A running application survives a stopped and restarted server: its {@code migrations} health
 * goes down while the server is gone and up again when it is back, without restarting the context.
 */
class ServerRestartIT {
    private static final int REVISIONS = 30;
    private static final Pattern CUT_OFF = Pattern.compile("Revision (r\\d{4}) \\(");

    @TempDir
    Path dir;

    /** Revision n creates t_n, sleeps 50 ms (where the restart lands) and writes its run-log row. */
    private Path scripts() {
        return Revisions.chain(
                dir.resolve("scripts"),
                REVISIONS,
                n -> (n == 1 ? "CREATE TABLE run_log (revision text NOT NULL);\n" : "")
                        + "CREATE TABLE t_" + n + " (id int);\n"
                        + "SELECT pg_sleep(0.05);\n"
                        + "INSERT INTO run_log VALUES ('" + Revisions.id(n) + "');");
    }

    private static Map<String, String> env(PrivatePg server, String db) {
        return Map.of(
                "MIGRATIONS_URL",
                server.url(db),
                "MIGRATIONS_USER",
                "postgres",
                "MIGRATIONS_PASSWORD",
                PrivatePg.PASSWORD);
    }

    @Test
    void aRestartInsideARevisionFailsWithTheConnectionLossAndARerunAppliesEachRevisionOnce() throws Exception {
        Path scripts = scripts();
        try (PrivatePg server = PrivatePg.start()) {
            Pg admin = server.admin();
            String db = admin.createDatabase("rel_restart_mid");
            Jvm.Proc proc = Jvm.cli(
                    dir, "restart-mid", env(server, db), List.of("--location", scripts.toString(), "upgrade", "head"));
            // A third of the way, while the migrator's session is inside a revision's pg_sleep.
            await(
                    proc,
                    () -> runLog(admin, db) >= REVISIONS / 3
                            && admin.number(
                                            db,
                                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                                    + " AND state = 'active' AND query LIKE '%pg_sleep(0.05)%'"
                                                    + " AND pid <> pg_backend_pid()")
                                    > 0);
            server.restart();
            assertThat(proc.await(Duration.ofMinutes(1))).as(proc.output()).isEqualTo(255);
            String failed = proc.stdout()
                    .lines()
                    .filter(l -> l.startsWith("FAILED: "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no FAILED line in " + proc.output()));
            assertThat(failed)
                    .containsAnyOf("the connection to the database was lost", "Lost the connection to the database")
                    .contains("once the database is reachable")
                    .as("the server's reason, not the closed socket's")
                    .doesNotContain("This connection has been closed");
            assertThat(proc.output()).as("no stack trace without --verbose").doesNotContain("\tat ");
            int at = CrashIT.assertConsistent(admin, db, "after the restart");
            assertThat(at).isBetween(REVISIONS / 3, REVISIONS - 1);
            Matcher cutOff = CUT_OFF.matcher(failed);
            if (cutOff.find()) {
                // Cut off under a statement: that revision is the one after the version row, rolled back.
                assertThat(cutOff.group(1)).isEqualTo(Revisions.id(at + 1));
                assertThat(failed).contains("nothing of " + cutOff.group(1) + " stays applied");
            }

            Jvm.Result rerun = Jvm.runCli(dir, env(server, db), "--location", scripts.toString(), "upgrade", "head");
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            assertThat(CrashIT.assertConsistent(admin, db, "re-run after the restart"))
                    .isEqualTo(REVISIONS);
            assertThat(admin.number(db, "SELECT count(DISTINCT revision) FROM run_log"))
                    .isEqualTo(REVISIONS);
            Report.write(
                    "server-restart-mid-revision",
                    "restarted at revision " + (at + 1) + " of " + REVISIONS + ": " + failed);
        }
    }

    @Test
    void theHealthGoesDownWhileTheServerIsStoppedAndUpWhenItIsBackWithoutRestartingTheApplication() throws Exception {
        try (PrivatePg server = PrivatePg.start()) {
            String db = server.admin().createDatabase("rel_health");
            Path scripts = Revisions.chain(dir.resolve("health"), 3, n -> "CREATE TABLE t_" + n + " (id int);");
            HttpClient http = HttpClient.newHttpClient();
            List<Integer> seen = new ArrayList<>();
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ReliabilityApp.class)
                    .run(
                            "--server.port=0",
                            "--server.address=127.0.0.1",
                            "--spring.datasource.url=" + server.url(db),
                            "--spring.datasource.username=postgres",
                            "--spring.datasource.password=" + PrivatePg.PASSWORD,
                            // A pool that gives up quickly on a stopped server, as a probe would want.
                            "--spring.datasource.hikari.connection-timeout=1000",
                            "--migrations.locations=filesystem:" + scripts,
                            "--migrations.metrics.refresh-interval=200ms",
                            "--management.endpoint.health.show-components=always")) {
                URI health = URI.create("http://127.0.0.1:"
                        + app.getEnvironment().getProperty("local.server.port") + "/actuator/health/migrations");
                seen.add(awaitStatus(http, health, 200));
                server.stop();
                try {
                    seen.add(awaitStatus(http, health, 503));
                } finally {
                    server.startAgain();
                }
                seen.add(awaitStatus(http, health, 200));
                assertThat(app.isActive()).isTrue();
            }
            assertThat(seen).containsExactly(200, 503, 200);
            Report.write(
                    "server-restart-health",
                    "migrations health " + seen + " (up, server stopped, server started) in one application context");
        }
    }

    private static long runLog(Pg admin, String db) throws java.sql.SQLException {
        return admin.strings(db, "SELECT to_regclass('run_log')::text").get(0) == null
                ? 0
                : admin.number(db, "SELECT count(*) FROM run_log");
    }

    /** Polls the health URL until it answers {@code status}; fails after a minute. */
    private static int awaitStatus(HttpClient http, URI uri, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (last == status) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(uri + " answered " + last + ", not " + status + ", for a minute");
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls until the condition holds while the process runs; fails after a minute. */
    private static void await(Jvm.Proc proc, Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.holds()) {
            assertThat(proc.process().isAlive())
                    .as("the migrator is still running")
                    .isTrue();
            assertThat(System.nanoTime()).as("the awaited moment came").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
