package dev.migrations.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight CLI processes and four application instances (each its own JVM) start at the same moment
 * against one fresh PostgreSQL database with a few hundred revisions, for several rounds. Each
 * revision inserts a row into a run log, so a revision that ran twice shows.
 */
class ConcurrencyIT {
    private static final int CLIS = 8;
    private static final int APPS = 4;
    private static final int REVISIONS = 300;
    private static final Pattern WAITING = Pattern.compile("Waiting for the migration lock on alembic_version(.*)");
    private static final Pattern HOLDER =
            Pattern.compile(" held by pid \\d+, application '(rel-cli-\\d|rel-app-\\d|migrations \\(pid \\d+\\))'.*");

    private final Pg pg = Pg.server();

    @TempDir
    Path dir;

    @Test
    void cliProcessesAndApplicationsStartingTogetherApplyEachRevisionOnce() throws Exception {
        int rounds = Jvm.longRun() ? 20 : 2;
        Path scripts = Revisions.chain(
                dir.resolve("db/migrations"),
                REVISIONS,
                n -> (n == 1
                                ? "CREATE TABLE run_log (revision text NOT NULL, backend_pid int NOT NULL, app text NOT NULL);\n"
                                : "")
                        + "INSERT INTO run_log VALUES ('" + Revisions.id(n) + "', pg_backend_pid(),"
                        + " current_setting('application_name'));");
        int waitLines = 0;
        List<String> report = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            int waits = round(round, scripts);
            waitLines += waits;
            report.add("round " + round + ": " + (System.nanoTime() - start) / 1_000_000 + " ms, " + waits
                    + " wait lines");
        }
        Report.write(
                "concurrency",
                "rounds=" + rounds + ", processes=" + (CLIS + APPS) + ", revisions=" + REVISIONS + "\n"
                        + String.join("\n", report));
        assertThat(waitLines)
                .as("processes that found the lock taken said they wait, and for whom")
                .isPositive();
    }

    private int round(int round, Path scripts) throws Exception {
        String db = pg.createDatabase("rel_race");
        try {
            Path work = dir.resolve("round" + round);
            Files.createDirectories(work);
            Path go = work.resolve("go");
            List<Jvm.Proc> procs = new ArrayList<>();
            for (int i = 0; i < CLIS; i++) {
                // Half name themselves; the others show the engine's default application name.
                String url = i % 2 == 0 ? Pg.withParam(pg.url(db), "ApplicationName=rel-cli-" + i) : pg.url(db);
                procs.add(Jvm.main(
                        work,
                        "cli-" + i,
                        env(url),
                        List.of(Jvm.cliJar().toString()),
                        List.of(),
                        AwaitStart.class.getName(),
                        List.of(
                                work.resolve("ready-cli-" + i).toString(),
                                go.toString(),
                                "dev.migrations.cli.MigrationsCommand",
                                "--location",
                                scripts.toString(),
                                "upgrade",
                                "head")));
            }
            for (int i = 0; i < APPS; i++) {
                procs.add(Jvm.appAtBarrier(
                        work,
                        "app-" + i,
                        go,
                        List.of(
                                "--spring.datasource.url=" + Pg.withParam(pg.url(db), "ApplicationName=rel-app-" + i),
                                "--spring.datasource.username=" + pg.user(),
                                "--spring.datasource.hikari.maximum-pool-size=2",
                                "--migrations.locations=filesystem:" + scripts)));
            }
            // The apps' barrier sits inside the context refresh, after the configuration is read.
            awaitReady(work, procs);
            Files.writeString(go, "go");
            int waits = 0;
            for (Jvm.Proc proc : procs) {
                int exit = proc.await(Duration.ofMinutes(5));
                assertThat(exit).as(proc.output()).isZero();
                String all = proc.stdout() + proc.stderr();
                if (proc.name().startsWith("app")) {
                    assertThat(proc.stdout()).as(proc.output()).contains("APP-AT [" + Revisions.id(REVISIONS) + "]");
                }
                for (String line : all.split("\n")) {
                    Matcher m = WAITING.matcher(line);
                    if (m.find()) {
                        waits++;
                        assertThat(m.group(1))
                                .as("the waiting line names the holder's pid and application: " + line)
                                .matches(HOLDER);
                    }
                }
            }
            assertThat(pg.strings(db, "SELECT version_num FROM alembic_version"))
                    .containsExactly(Revisions.id(REVISIONS));
            assertThat(pg.strings(
                            db,
                            "SELECT revision || ' x' || count(*) FROM run_log GROUP BY revision HAVING count(*) <> 1"))
                    .as("revisions that ran more than once")
                    .isEmpty();
            assertThat(pg.number(db, "SELECT count(DISTINCT revision) FROM run_log"))
                    .isEqualTo(REVISIONS);
            assertThat(pg.number(db, "SELECT count(*) FROM alembic_version_history WHERE direction = 'upgrade'"))
                    .isEqualTo(REVISIONS);
            assertThat(pg.number(
                            db,
                            "SELECT count(DISTINCT revision) FROM alembic_version_history WHERE direction = 'upgrade'"))
                    .isEqualTo(REVISIONS);
            return waits;
        } finally {
            pg.dropDatabase(db);
        }
    }

    private static void awaitReady(Path work, List<Jvm.Proc> procs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (Jvm.Proc proc : procs) {
            Path ready = work.resolve("ready-" + proc.name());
            while (!Files.exists(ready)) {
                assertThat(proc.process().isAlive()).as(proc.output()).isTrue();
                assertThat(System.nanoTime()).as("all processes at the barrier").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private Map<String, String> env(String url) {
        return pg.password() == null
                ? Map.of("MIGRATIONS_URL", url, "MIGRATIONS_USER", pg.user())
                : Map.of("MIGRATIONS_URL", url, "MIGRATIONS_USER", pg.user(), "MIGRATIONS_PASSWORD", pg.password());
    }

    /** The engine's advisory-lock key for {@code public.alembic_version} (SHA-256, first 8 bytes). */
    static long lockKey() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest("migrations:public.alembic_version".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.nio.ByteBuffer.wrap(digest).getLong();
    }

    @Test
    void lockWaitTimeoutNamesTheHolderAndTheSettingToRaise() throws Exception {
        String db = pg.createDatabase("rel_lockwait");
        Path scripts = Revisions.chain(dir.resolve("db/migrations"), 3, n -> "CREATE TABLE t" + n + " (id int);");
        try (Connection holder = pg.connect(Pg.withParam(pg.url(db), "ApplicationName=rel-holder"));
                PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, lockKey());
            lock.execute();
            String before = pg.fingerprint(db);

            Jvm.Result cli = Jvm.runCli(
                    dir,
                    env(pg.url(db)),
                    "--location",
                    scripts.toString(),
                    "--lock-wait-timeout",
                    "2s",
                    "upgrade",
                    "head");
            assertThat(cli.exit()).as(cli.all()).isEqualTo(255);
            assertThat(cli.stdout())
                    .contains("FAILED: Timed out after 2 s waiting for the migration lock on alembic_version")
                    .contains("application 'rel-holder'")
                    .contains("--lock-wait-timeout")
                    .contains("migrations.lock-wait-timeout");
            assertThat(cli.stderr()).contains("Waiting for the migration lock on alembic_version held by pid");

            Jvm.Proc app = Jvm.main(
                    dir,
                    "app-timeout",
                    Map.of(),
                    List.of(),
                    List.of(),
                    "dev.migrations.reliability.app.ReliabilityApp",
                    List.of(
                            "--spring.main.web-application-type=none",
                            "--spring.datasource.url=" + pg.url(db),
                            "--spring.datasource.username=" + pg.user(),
                            "--migrations.locations=filesystem:" + scripts,
                            "--migrations.lock-wait-timeout=2s"));
            int exit = app.await(Duration.ofMinutes(2));
            assertThat(exit).as(app.output()).isNotZero();
            assertThat(app.stdout() + app.stderr())
                    .contains("APPLICATION FAILED TO START")
                    .contains("raise migrations.lock-wait-timeout")
                    .contains("application 'rel-holder'");
            assertThat(pg.fingerprint(db)).as("nothing changed while waiting").isEqualTo(before);
            try (ResultSet rs = holder.createStatement()
                    .executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database ="
                            + " (SELECT oid FROM pg_database WHERE datname = current_database())")) {
                assertThat(rs.next() && rs.getInt(1) == 1)
                        .as("the holder's lock is the only one: the waiters released nothing they did not take")
                        .isTrue();
            }
        } finally {
            pg.dropDatabase(db);
        }
    }
}
