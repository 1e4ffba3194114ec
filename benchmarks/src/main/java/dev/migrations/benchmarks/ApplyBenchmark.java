package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.check;
import static dev.migrations.benchmarks.Samples.max;
import static dev.migrations.benchmarks.Samples.median;
import static dev.migrations.benchmarks.Samples.min;

import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures what the online engine adds on top of running the same SQL by hand, on PostgreSQL.
 *
 * <p>Generates N revisions (default 1,000), each creating a small table with an index and inserting a
 * row, then over R rounds (default 5), alternating so drift in the machine hits both sides alike:
 *
 * <ol>
 *   <li><b>engine</b>: {@code upgrade head} from an empty database (scripts loaded beforehand; the
 *       load is reported on its own line);
 *   <li><b>JDBC floor</b>: the same statements over one plain JDBC connection, one transaction per
 *       revision, no bookkeeping.
 * </ol>
 *
 * <p>Every measurement gets a fresh database ({@code CREATE DATABASE bench_<random>}, dropped after).
 * Then the no-op {@code upgrade head} with all N applied is timed 10 times. Prints medians, the
 * spread (min..max) and the engine/floor ratio.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am install -DskipTests && mvn -B -q -pl benchmarks exec:java
 * -Dexec.mainClass=dev.migrations.benchmarks.ApplyBenchmark} (optional {@code -Dexec.args="1000 5"} for
 * revisions and rounds; a third argument {@code async-commit} runs both sides with {@code
 * synchronous_commit=off}, taking the disk's flush latency, which dominates and varies, out of the
 * comparison). The server is {@code MIGRATIONS_BENCH_JDBC_URL} (with {@code
 * MIGRATIONS_BENCH_USER}/{@code MIGRATIONS_BENCH_PASSWORD}) or {@code localhost:5432} as user
 * {@code postgres}; the user needs CREATEDB.
 */
public final class ApplyBenchmark {
    private static final int NO_OP_RUNS = 10;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final boolean asyncCommit;

    private ApplyBenchmark(String adminUrl, String user, String password, boolean asyncCommit) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.asyncCommit = asyncCommit;
    }

    public static void main(String[] args) throws Exception {
        int revisions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean asyncCommit = args.length > 2 && args[2].equals("async-commit");
        String url = System.getenv("MIGRATIONS_BENCH_JDBC_URL");
        ApplyBenchmark bench = url == null
                ? new ApplyBenchmark("jdbc:postgresql://localhost:5432/postgres", "postgres", null, asyncCommit)
                : new ApplyBenchmark(
                        url,
                        System.getenv("MIGRATIONS_BENCH_USER"),
                        System.getenv("MIGRATIONS_BENCH_PASSWORD"),
                        asyncCommit);
        bench.run(revisions, rounds);
    }

    private void run(int revisions, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("apply-bench");
        try {
            measure(dir, revisions, rounds);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private void measure(Path dir, int revisions, int rounds) throws SQLException {
        List<List<String>> statements = generate(dir, revisions);
        System.out.printf(
                Locale.ROOT,
                "ApplyBenchmark: %d revisions (CREATE TABLE + CREATE INDEX + INSERT each), %d rounds, %s%s%n",
                revisions,
                rounds,
                serverVersion(),
                asyncCommit ? ", synchronous_commit=off" : "");

        // Warm-up: JIT, driver, server caches; not recorded.
        engineRun(dir, revisions);
        floorRun(statements);

        double[] load = new double[rounds];
        double[] engine = new double[rounds];
        double[] floor = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double[] e = engineRun(dir, revisions);
            load[r] = e[0];
            engine[r] = e[1];
            floor[r] = floorRun(statements);
            ratios[r] = engine[r] / floor[r];
            System.out.printf(
                    Locale.ROOT,
                    "  round %d: engine %8.1f ms   floor %8.1f ms   ratio %.3f%n",
                    r + 1,
                    engine[r],
                    floor[r],
                    ratios[r]);
        }
        double[] noOp = noOpRuns(dir, revisions);

        System.out.println();
        System.out.printf(
                Locale.ROOT, "%-44s %10s %10s %10s %8s%n", "measurement", "median ms", "min ms", "max ms", "spread");
        row("(a) engine: upgrade head from empty", engine);
        row("(b) JDBC floor: same SQL, 1 tx/revision", floor);
        row("    engine: load " + revisions + " scripts + build graph", load);
        row("(c) engine: no-op upgrade head (all applied)", noOp);
        System.out.printf(
                Locale.ROOT,
                "%nratio engine/floor: %.3f (ratio of medians); per round: median %.3f, min %.3f, max %.3f;"
                        + " with script loading: %.3f%n",
                median(engine) / median(floor),
                median(ratios),
                min(ratios),
                max(ratios),
                (median(engine) + median(load)) / median(floor));
        System.out.printf(
                Locale.ROOT,
                "per revision: engine %.3f ms, floor %.3f ms, overhead %.3f ms%n",
                median(engine) / revisions,
                median(floor) / revisions,
                (median(engine) - median(floor)) / revisions);
    }

    private static void row(String label, double[] samples) {
        double median = median(samples);
        System.out.printf(
                Locale.ROOT,
                "%-44s %10.1f %10.1f %10.1f %7.1f%%%n",
                label,
                median,
                min(samples),
                max(samples),
                100 * (max(samples) - min(samples)) / median);
    }

    /** [load ms, upgrade ms] on a fresh database. */
    private double[] engineRun(Path dir, int revisions) throws SQLException {
        String db = createDatabase();
        try {
            long t0 = System.nanoTime();
            Migrations migrations = configure(dir, db).load();
            long t1 = System.nanoTime();
            MigrationResult result = migrations.upgrade("head");
            long t2 = System.nanoTime();
            check(result.scriptsRun() == revisions, "engine ran " + result.scriptsRun() + " scripts");
            return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6};
        } finally {
            dropDatabase(db);
        }
    }

    private double floorRun(List<List<String>> statements) throws SQLException {
        String db = createDatabase();
        try {
            long t0 = System.nanoTime();
            try (Connection connection = server().connect(db);
                    Statement st = connection.createStatement()) {
                connection.setAutoCommit(false);
                for (List<String> revision : statements) {
                    for (String sql : revision) {
                        st.execute(sql);
                    }
                    connection.commit();
                }
            }
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            dropDatabase(db);
        }
    }

    private double[] noOpRuns(Path dir, int revisions) throws SQLException {
        String db = createDatabase();
        try {
            Migrations migrations = configure(dir, db).load();
            check(migrations.upgrade("head").scriptsRun() == revisions, "setup run incomplete");
            migrations.upgrade("head"); // warm
            double[] samples = new double[NO_OP_RUNS];
            for (int i = 0; i < NO_OP_RUNS; i++) {
                long t0 = System.nanoTime();
                MigrationResult result = migrations.upgrade("head");
                samples[i] = (System.nanoTime() - t0) / 1e6;
                check(result.steps().isEmpty(), "no-op run took steps");
            }
            return samples;
        } finally {
            dropDatabase(db);
        }
    }

    private dev.migrations.MigrationsConfig.Builder configure(Path dir, String db) {
        return Migrations.configure().locations("filesystem:" + dir).url(server().urlFor(db), user, password);
    }

    /** Revision i: a table with an index and a row; returns the statements per revision for the floor. */
    private static List<List<String>> generate(Path dir, int n) {
        List<List<String>> all = new ArrayList<>(n);
        try {
            for (int i = 1; i <= n; i++) {
                String id = String.format(Locale.ROOT, "r%05d", i);
                String table = "bench_" + id;
                List<String> sql = List.of(
                        "CREATE TABLE " + table
                                + " (id BIGINT PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL"
                                + " DEFAULT now())",
                        "CREATE INDEX ix_" + table + "_name ON " + table + " (name)",
                        "INSERT INTO " + table + " (id, name) VALUES (1, '" + id + "')");
                all.add(sql);
                StringBuilder text = new StringBuilder()
                        .append("-- Benchmark revision ")
                        .append(i)
                        .append("\n--\n-- Revision ID: ")
                        .append(id)
                        .append('\n');
                if (i > 1) {
                    text.append("-- Revises: ")
                            .append(String.format(Locale.ROOT, "r%05d", i - 1))
                            .append('\n');
                }
                text.append("\n-- migrate:upgrade\n");
                for (String s : sql) {
                    text.append(s).append(";\n");
                }
                text.append("\n-- migrate:downgrade\nDROP TABLE ").append(table).append(";\n");
                Files.writeString(dir.resolve(id + "_bench.sql"), text.toString(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private String serverVersion() throws SQLException {
        try (Connection connection = server().connect(null)) {
            return "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion();
        }
    }

    private String createDatabase() throws SQLException {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        String name = "bench_" + java.util.HexFormat.of().formatHex(bytes);
        server().adminExecute("CREATE DATABASE " + name);
        return name;
    }

    private void dropDatabase(String name) throws SQLException {
        server().adminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private PostgresServer server() {
        return new PostgresServer(adminUrl, user, password, asyncCommit ? "options=-c%20synchronous_commit%3Doff" : "");
    }
}
