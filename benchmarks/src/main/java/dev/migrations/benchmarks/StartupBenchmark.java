package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.check;
import static dev.migrations.benchmarks.StartupStarts.report;

import dev.migrations.Migrations;
import dev.migrations.benchmarks.StartupStarts.Sample;
import dev.migrations.benchmarks.StartupStarts.Variant;
import dev.migrations.benchmarks.startup.baseline.BaselineApp;
import dev.migrations.benchmarks.startup.flyway.FlywayApp;
import dev.migrations.benchmarks.startup.migrations.MigrationsApp;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.springframework.boot.SpringBootVersion;

/**
 * Measures what a Spring Boot application pays at start-up for its migration tool when the database
 * is already at head, on PostgreSQL, against a baseline and against Flyway.
 *
 * <p>Generates N revisions (default 1,000), each creating a small table with an index, as revision
 * scripts for the migrations starter ({@code db/migrations/r00001_bench.sql}, ...) and as Flyway
 * scripts with the same SQL ({@code db/migration/V1__bench_r00001.sql}, ...), both on the
 * applications' classpath at the tools' default locations (in a directory, or with {@code jar} in a
 * jar). Two fresh databases are migrated to head beforehand, one by the engine and one by Flyway,
 * then vacuumed and checkpointed so that autovacuum and flushing stay out of the measurement.
 * Then three small non-web applications of this module start, each in a fresh JVM ({@code java -cp
 * <this module's classpath> <main> --spring.datasource.url=...}), alternating A B C C B A ... over R
 * rounds (default 10; the order reverses every other round so that neither drift over the run nor a
 * start's place after another favours a variant) after two unrecorded warm-up rounds:
 *
 * <ol>
 *   <li><b>A, baseline</b> ({@link BaselineApp}): Spring Boot with {@code spring-boot-starter-jdbc}
 *       (Hikari) and an {@code ApplicationRunner} running {@code SELECT 1} through a {@code
 *       JdbcTemplate}, so every variant pays the connect; both tools' auto-configurations are
 *       excluded ({@code spring.autoconfigure.exclude}), and each start checks that the context holds
 *       neither tool's beans;
 *   <li><b>B, migrations starter</b> ({@link MigrationsApp}): the same plus {@code
 *       migrations-spring-boot-starter} upgrading to {@code head} (nothing to do), Flyway excluded;
 *   <li><b>C, Flyway</b> ({@link FlywayApp}): the same plus Spring Boot's Flyway integration ({@code
 *       spring-boot-starter-flyway}, {@code flyway-database-postgresql}) migrating (nothing to do), the
 *       starter excluded.
 * </ol>
 *
 * <p>A start is timed from just before the process starts to the marker line the application prints
 * when {@code ApplicationReadyEvent} fires (wall clock, the headline); the application also reports
 * the JVM's uptime and Spring's {@code application.ready.time} at that moment. For each variant the
 * benchmark prints the median, min, max and spread ((max - min) / median), the overhead over the
 * baseline (variant - baseline of the same round; median, min, max over rounds), and the ratio of the
 * starter's overhead to Flyway's. Afterwards it checks that no start changed either database. The
 * applications log at WARN. The header line shows the system load average: other work on the machine
 * shows up as spread, so run it on a quiet one.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am install -DskipTests && mvn -B -q -pl benchmarks exec:java
 * -Dexec.mainClass=dev.migrations.benchmarks.StartupBenchmark} (optional {@code -Dexec.args="1000 10
 * jar"} for revisions, rounds and where the scripts are: {@code dir}, the default, or {@code jar}; a
 * fourth argument {@code profile} adds five starts of each variant recorded with Spring's {@code
 * BufferingApplicationStartup} and prints the slowest bean instantiations, medians). The server is {@code
 * MIGRATIONS_BENCH_JDBC_URL} (with {@code MIGRATIONS_BENCH_USER}/{@code MIGRATIONS_BENCH_PASSWORD}) or
 * {@code localhost:5432} as user {@code postgres}; the user needs CREATEDB.
 *
 * <p>Besides wall clock it prints, per variant, the main thread's CPU time, the whole process's CPU
 * time (all threads: the JIT compilers, the pool's connection adder, background pre-initializers),
 * on Linux how long the main thread waited for a CPU (on a machine with few CPUs, CPU time added on
 * any thread shows up there and so in the wall clock), and the number of classes loaded, all at
 * {@code ApplicationReadyEvent}. For experiments: {@code
 * -Dstartup.flyway=false} starts A and B only (by default, with C, the rounds are followed by as many
 * rounds of A and B alone, {@code -Dstartup.goalRounds=N} to change that, whose overheads the goal's
 * verdict also counts); {@code -Dstartup.args="--a=b ..."} adds application
 * arguments and {@code -Dstartup.jvmArgs="-X..."} JVM options to every start (to compare, say, {@code
 * --spring.datasource.hikari.minimum-idle=1}, or to attach a profiler); with {@code
 * -Dstartup.jvmArgs=-Dbench.threads=true} it also prints the CPU time of each group of threads (the
 * JIT compilers, GC, the pre-initializers) that differs from the baseline's.
 */
public final class StartupBenchmark {
    private static final int WARM_UP_ROUNDS = 2;
    private static final String MIGRATIONS_AUTO_CONFIGURATION = "dev.migrations.boot.MigrationsAutoConfiguration";
    private static final String FLYWAY_AUTO_CONFIGURATION =
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration";

    private final String adminUrl;
    private final String user;
    private final String password;

    private StartupBenchmark(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        int revisions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        boolean jar = args.length > 2 && args[2].equals("jar");
        if (args.length > 2 && !args[2].equals("jar") && !args[2].equals("dir")) {
            throw new IllegalArgumentException("third argument: dir or jar, not " + args[2]);
        }
        boolean profile = args.length > 3 && args[3].equals("profile");
        String url = System.getenv("MIGRATIONS_BENCH_JDBC_URL");
        StartupBenchmark bench = url == null
                ? new StartupBenchmark("jdbc:postgresql://localhost:5432/postgres", "postgres", null)
                : new StartupBenchmark(
                        url, System.getenv("MIGRATIONS_BENCH_USER"), System.getenv("MIGRATIONS_BENCH_PASSWORD"));
        bench.run(revisions, rounds, jar, profile);
    }

    private void run(int revisions, int rounds, boolean jar, boolean profile) throws Exception {
        Path dir = Files.createTempDirectory("startup-bench");
        String suffix = HexFormat.of().formatHex(randomBytes());
        String migrationsDb = "bench_startup_" + suffix + "_m";
        String flywayDb = "bench_startup_" + suffix + "_f";
        try {
            Path root = dir.resolve("classpath");
            StartupScripts.generate(root, revisions);
            Path scripts = root;
            if (jar) {
                scripts = dir.resolve("scripts.jar");
                StartupScripts.writeJar(root, scripts);
            }
            server().adminExecute("CREATE DATABASE " + migrationsDb);
            server().adminExecute("CREATE DATABASE " + flywayDb);
            measure(root, scripts, jar, revisions, rounds, profile, migrationsDb, flywayDb);
        } finally {
            server().adminExecute("DROP DATABASE IF EXISTS " + migrationsDb + " WITH (FORCE)");
            server().adminExecute("DROP DATABASE IF EXISTS " + flywayDb + " WITH (FORCE)");
            StartupScripts.deleteTree(dir);
        }
    }

    private void measure(
            Path root,
            Path scripts,
            boolean jar,
            int revisions,
            int rounds,
            boolean profile,
            String migrationsDb,
            String flywayDb)
            throws Exception {
        // Bring both databases to head before measuring, each with its own tool.
        long t0 = System.nanoTime();
        int run = Migrations.configure()
                .locations("filesystem:" + root.resolve("db/migrations"))
                .url(server().urlFor(migrationsDb), user, password)
                .load()
                .upgrade("head")
                .scriptsRun();
        check(run == revisions, "the engine ran " + run + " scripts, not " + revisions);
        long t1 = System.nanoTime();
        int executed = Flyway.configure()
                .dataSource(server().urlFor(flywayDb), user, password)
                .locations("filesystem:" + root.resolve("db/migration"))
                .load()
                .migrate()
                .migrationsExecuted;
        check(executed == revisions, "Flyway ran " + executed + " migrations, not " + revisions);
        long t2 = System.nanoTime();
        // Leave autovacuum nothing to do on the fresh catalogs during the measurement, and flush.
        for (String db : List.of(migrationsDb, flywayDb)) {
            execute(db, "VACUUM (ANALYZE)");
        }
        try {
            server().adminExecute("CHECKPOINT");
        } catch (SQLException e) {
            System.out.println("  (no CHECKPOINT: " + e.getMessage().strip() + ")");
        }
        long t3 = System.nanoTime();
        String before = databaseState(migrationsDb, flywayDb);

        String classpath = classpath() + java.io.File.pathSeparator + scripts;
        StartupStarts starts = new StartupStarts(classpath, server(), user, password);
        List<Variant> allVariants = List.of(
                new Variant(
                        "A baseline: Boot + JDBC, no tool",
                        BaselineApp.class,
                        migrationsDb,
                        List.of(
                                "--spring.autoconfigure.exclude=" + MIGRATIONS_AUTO_CONFIGURATION + ","
                                        + FLYWAY_AUTO_CONFIGURATION,
                                "--migrations.enabled=false",
                                "--spring.flyway.enabled=false"),
                        "migrations=0/0 flyway=0/0"),
                new Variant(
                        "B migrations starter, at head",
                        MigrationsApp.class,
                        migrationsDb,
                        List.of(
                                "--spring.autoconfigure.exclude=" + FLYWAY_AUTO_CONFIGURATION,
                                "--spring.flyway.enabled=false"),
                        "migrations=1/1 flyway=0/0"),
                new Variant(
                        "C Flyway, at head",
                        FlywayApp.class,
                        flywayDb,
                        List.of(
                                "--spring.autoconfigure.exclude=" + MIGRATIONS_AUTO_CONFIGURATION,
                                "--migrations.enabled=false"),
                        "migrations=0/0 flyway=1/1"));
        List<Variant> variants = Boolean.parseBoolean(System.getProperty("startup.flyway", "true"))
                ? allVariants
                : allVariants.subList(0, 2);

        System.out.printf(
                Locale.ROOT,
                "StartupBenchmark: %d revisions (CREATE TABLE + CREATE INDEX each), %d rounds of A B C / C B A after %d"
                        + " warm-up rounds, scripts in a classpath %s; %s, Java %s, Spring Boot %s, Flyway %s;"
                        + " load average %.2f on %d CPUs%n",
                revisions,
                rounds,
                WARM_UP_ROUNDS,
                jar ? "jar" : "directory",
                serverVersion(),
                System.getProperty("java.version"),
                SpringBootVersion.getVersion(),
                flywayVersion(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT,
                "  set-up (not measured): engine upgrade %.0f ms, Flyway migrate %.0f ms, VACUUM + CHECKPOINT %.0f"
                        + " ms%n",
                (t1 - t0) / 1e6,
                (t2 - t1) / 1e6,
                (t3 - t2) / 1e6);

        for (int w = 0; w < WARM_UP_ROUNDS; w++) {
            for (Variant variant : variants) {
                starts.start(variant, null); // page cache, the server's caches
            }
        }
        Sample[][] samples = new Sample[variants.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  round %d:", r + 1));
            // A B C, then C B A: neither drift over the run nor a start's place after another favours a variant.
            for (int i = 0; i < variants.size(); i++) {
                int v = r % 2 == 0 ? i : variants.size() - 1 - i;
                samples[v][r] = starts.start(variants.get(v), null);
                line.append(String.format(
                        Locale.ROOT, "  %s %7.1f ms", variants.get(v).label().substring(0, 1), samples[v][r].wallMs()));
            }
            System.out.println(line);
        }
        // Single starts vary by far more than the line is wide: further rounds of the baseline and the
        // starter alone (two starts a round instead of three) narrow the goal's interval.
        int goalRounds = variants.size() > 2 ? Integer.getInteger("startup.goalRounds", rounds) : 0;
        double[] goalOverheads = new double[goalRounds];
        for (int r = 0; r < goalRounds; r++) {
            Sample[] pair = new Sample[2];
            for (int i = 0; i < 2; i++) {
                int v = r % 2 == 0 ? i : 1 - i;
                pair[v] = starts.start(variants.get(v), null);
            }
            goalOverheads[r] = pair[1].wallMs() - pair[0].wallMs();
            System.out.printf(
                    Locale.ROOT,
                    "  goal round %d:  A %7.1f ms  B %7.1f ms%n",
                    r + 1,
                    pair[0].wallMs(),
                    pair[1].wallMs());
        }
        String after = databaseState(migrationsDb, flywayDb);
        check(before.equals(after), "a start changed a database: before " + before + ", after " + after);

        report(variants, samples, goalOverheads);
        System.out.println("databases unchanged by the starts: " + after);

        if (profile) {
            starts.profile(variants);
        }
    }

    /**
     * This module's runtime classpath: the URLs of the class loader that loaded this class when it is a
     * URLClassLoader (under {@code exec:java}), else {@code java.class.path}.
     */
    private static String classpath() {
        ClassLoader loader = StartupBenchmark.class.getClassLoader();
        if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException e) {
                    throw new IllegalStateException("classpath entry " + url, e);
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** The engine's version rows and history count, and Flyway's history count and latest version. */
    private String databaseState(String migrationsDb, String flywayDb) throws SQLException {
        String engine = queryString(
                migrationsDb,
                "SELECT (SELECT string_agg(version_num, ',') FROM alembic_version) || ' ('"
                        + " || (SELECT count(*) FROM alembic_version_history) || ' history rows)'");
        String flyway = queryString(
                flywayDb,
                "SELECT max(version::int) || ' (' || count(*) || ' history rows)' FROM flyway_schema_history"
                        + " WHERE success");
        return "engine at " + engine + ", Flyway at " + flyway;
    }

    private void execute(String db, String sql) throws SQLException {
        try (Connection connection = server().connect(db);
                Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private String queryString(String db, String sql) throws SQLException {
        try (Connection connection = server().connect(db);
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            check(rs.next(), "no row from " + sql);
            return rs.getString(1);
        }
    }

    private static String flywayVersion() throws IOException {
        try (InputStream in = Flyway.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt")) {
            return in == null ? "?" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private String serverVersion() throws SQLException {
        try (Connection connection = server().connect(null)) {
            return "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion();
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private PostgresServer server() {
        return new PostgresServer(adminUrl, user, password, "");
    }
}
