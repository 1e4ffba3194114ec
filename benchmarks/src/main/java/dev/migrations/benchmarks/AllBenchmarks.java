package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.median;

import dev.migrations.Migrations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.springframework.boot.SpringBootVersion;

/**
 * Runs every benchmark in one go and writes {@code BENCHMARKS.md}: apply (200 and 1,000 revisions)
 * and the no-op start against Flyway, Liquibase and the JDBC floor, memory, start-up of a Spring Boot
 * application, the graph at 10k and 100k revisions, offline rendering, and
 * a fleet of 500 tenant schemas against a loop running Flyway per schema.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" dev.migrations.benchmarks.AllBenchmarks
 * </pre>
 *
 * <p>Arguments: the output file (default {@code BENCHMARKS.md}), {@code full} (default) or {@code
 * quick} for a short smoke run (fewer rounds and revisions; not for publishing), then optionally the
 * sections to run ({@code apply noop process memory offline fleet graph startup}; default all). The server is {@code
 * MIGRATIONS_BENCH_JDBC_URL} (with {@code MIGRATIONS_BENCH_USER}/{@code MIGRATIONS_BENCH_PASSWORD}) or
 * {@code localhost:5432} as user {@code postgres}; the user needs CREATEDB.
 */
public final class AllBenchmarks {
    private AllBenchmarks() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "logback-benchmarks.xml");
        Tool.quietLiquibase();
        Path output = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        boolean quick = args.length > 1 && args[1].equals("quick");
        if (args.length > 1 && !args[1].equals("quick") && !args[1].equals("full")) {
            throw new IllegalArgumentException("second argument: full or quick, not " + args[1]);
        }
        PostgresServer server = server();
        Path cliJar = cliJar();
        Report report = new Report();
        Instant started = Instant.now();
        String loadBefore = loadAverage();

        // Further arguments pick sections (apply noop process memory offline fleet graph startup); default all.
        Set<String> only = new HashSet<>(Arrays.asList(args).subList(Math.min(args.length, 2), args.length));
        Predicate<String> wanted = section -> only.isEmpty() || only.contains(section);
        int rounds = quick ? 2 : 7;
        List<Integer> sizes = quick ? List.of(20, 100) : List.of(200, 1000);
        List<Workload> workloads = new ArrayList<>();
        for (int n : sizes) {
            workloads.add(Workload.generate(n));
        }
        Workload large = workloads.get(workloads.size() - 1);
        try {
            ToolBenchmark tools = new ToolBenchmark(server, cliJar, System.getProperty("java.class.path"), report);
            if (wanted.test("apply")) {
                report.heading(2, "Apply: N revisions on an empty database");
                for (int i = 0; i < workloads.size(); i++) {
                    Workload workload = workloads.get(i);
                    report.heading(3, workload.revisions() + " revisions");
                    // The first size warms the JIT, driver and server for the next.
                    tools.apply(
                            workload,
                            applyRounds(workload.revisions(), rounds),
                            i == 0 ? 1 : 0,
                            quick ? 0 : goalRounds(workload.revisions()));
                }
            }
            if (wanted.test("noop")) {
                report.heading(2, "No-op start: upgrade head with everything applied");
                tools.noOp(workloads, quick ? 3 : 30, quick ? 2 : 8, quick ? 0 : 30);
            }
            if (wanted.test("process")) {
                report.heading(2, "Whole processes: bin/migrations against a JDBC loop and Flyway, each a fresh JVM");
                ToolRunner processRunner = new ToolRunner(server, cliJar, System.getProperty("java.class.path"));
                ProcessBenchmark processes = new ProcessBenchmark(
                        processRunner,
                        report,
                        Path.of("bin", "migrations").toAbsolutePath(),
                        ImageContender.unpack(processRunner));
                for (Workload workload : workloads) {
                    report.heading(3, "Apply " + workload.revisions() + " revisions");
                    processes.apply(workload, quick ? 2 : Math.max(5, 2000 / workload.revisions()));
                }
                for (Workload workload : workloads) {
                    report.heading(3, "No-op upgrade head with " + workload.revisions() + " applied");
                    processes.noOp(workload, quick ? 2 : 20);
                }
            }
            if (wanted.test("memory")) {
                report.heading(2, "Memory: peak heap while applying " + large.revisions() + " revisions");
                tools.memory(large, quick ? 1 : 2);
            }
            if (wanted.test("offline")) {
                report.heading(2, "Offline: rendering the SQL of " + large.revisions() + " revisions");
                offline(report, large, quick ? 3 : 10);
            }
        } finally {
            for (Workload workload : workloads) {
                workload.delete();
            }
        }
        if (wanted.test("fleet")) {
            int tenants = quick ? 50 : 500;
            report.heading(2, "Fleet: " + tenants + " tenant schemas, from empty and at head");
            new FleetBenchmark(server, new ToolRunner(server, cliJar, System.getProperty("java.class.path")), report)
                    .run(tenants, quick ? 2 : 3, List.of(2, 4, 8), quick ? List.of(100, 1000) : List.of(1000, 10_000));
        }
        if (wanted.test("graph")) {
            report.heading(2, "Graph: heads and the full plan over generated histories");
            GraphBenchmark.report(report, quick ? List.of(1000, 10_000) : List.of(1000, 10_000, 100_000));
        }
        if (wanted.test("startup")) {
            report.heading(2, "Start-up: a Spring Boot application at head with 1,000 revisions");
            startup(report, quick);
        }

        String header = header(server, started, loadBefore, quick);
        Files.writeString(
                output,
                header + "\n## Summary\n\n" + report.summaryMarkdown() + report.markdown(),
                StandardCharsets.UTF_8);
        System.out.println("\nwrote " + output.toAbsolutePath());
    }

    private static void offline(Report report, Workload workload, int runs) {
        double[] load = new double[runs];
        double[] render = new double[runs];
        int length = 0;
        for (int r = -2; r < runs; r++) {
            long t0 = System.nanoTime();
            Migrations migrations = Migrations.configure()
                    .locations("filesystem:" + workload.engineDir())
                    .load();
            // load() only lists the scripts; the first heads reads and parses them and builds the graph.
            int heads = migrations.graph().heads().size();
            long t1 = System.nanoTime();
            Samples.check(heads == 1, "the offline workload has " + heads + " heads, not 1");
            String sql = migrations.upgradeSql("head");
            long t2 = System.nanoTime();
            length = sql.length();
            if (r >= 0) {
                load[r] = (t1 - t0) / 1e6;
                render[r] = (t2 - t1) / 1e6;
            }
        }
        report.table(
                List.of("step", "ms, median (min–max)", "us/revision"),
                List.of(
                        List.of(
                                "load " + workload.revisions() + " scripts + build the graph",
                                Report.ms(load),
                                Report.num(median(load) * 1000 / workload.revisions())),
                        List.of(
                                "upgrade head --sql: plan + render (" + length / 1024 + " KiB of SQL)",
                                Report.ms(render),
                                Report.num(median(render) * 1000 / workload.revisions()))));
    }

    /** Runs {@link StartupBenchmark} in this JVM and keeps its printed summary. */
    private static void startup(Report report, boolean quick) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        try {
            StartupBenchmark.main(quick ? new String[] {"200", "2"} : new String[] {"1000", "100"});
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        boolean inTable = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith("process start -> ApplicationReadyEvent") || line.startsWith("CPU time of the main")) {
                inTable = true;
            }
            if (line.startsWith("JVM uptime at") || line.isBlank()) {
                inTable = false;
            }
            if (inTable || line.startsWith("starter overhead") || line.startsWith("goal:")) {
                kept.add(line);
            }
            if (line.startsWith("goal:") || line.startsWith("starter overhead")) {
                report.summary("start-up: " + line);
            }
        }
        report.text("Three small non-web applications, each started in a fresh JVM, alternating A B C and C B A"
                + " over the rounds after 2 warm-up rounds, timed from process start to `ApplicationReadyEvent`; overhead is"
                + " variant minus baseline of the same round (see `StartupBenchmark`). Single starts on this shared"
                + " 2-CPU machine vary by a few hundred milliseconds, so the goal line gives a 90% bootstrap interval"
                + " of the median overhead and says \"not resolved\" when the interval straddles 50 ms (counting as"
                + " many further rounds of the baseline and the starter alone, B A / A B, printed apart); the main"
                + " thread's CPU time is shown as the steadier second view. On 2 CPUs the JIT compilers keep busy"
                + " through a start, so CPU time added on any thread (the process CPU table) makes the main thread"
                + " wait for a CPU (the run-queue table): that wait, not the main thread's own work, is most of the"
                + " starter's wall-clock overhead.");
        report.code(String.join("\n", kept));
    }

    private static String header(PostgresServer server, Instant started, String loadBefore, boolean quick)
            throws Exception {
        String pg;
        try (Connection connection = server.connect(null)) {
            pg = connection.getMetaData().getDatabaseProductVersion();
        }
        Duration took = Duration.between(started, Instant.now());
        return "# Benchmarks\n\n"
                + "Generated by `dev.migrations.benchmarks.AllBenchmarks`; do not edit by hand. The command, what is"
                + " measured and what the numbers mean are in [docs/benchmarks.md](docs/benchmarks.md)."
                + (quick ? " **Quick smoke run: too few rounds to quote.**" : "")
                + "\n\n## Method\n\n"
                + "- Every apply starts from a new empty PostgreSQL database (`CREATE DATABASE`, dropped after); the"
                + " no-op runs use one database per tool, brought to head by that tool.\n"
                + "- Tools alternate run by run (A B C A B C ...; the apply rounds reverse the order every other"
                + " round, A B C C B A, so no tool always follows the same one), after unrecorded warm-up rounds;"
                + " tables show the"
                + " median and the spread (min–max) over the rounds. Ratios are against references measured in the"
                + " same rounds: absolute times drift on a shared machine, ratios within one run are what count."
                + " The apply goal is judged on each round's ratio to the floor of that round (the tools of a round"
                + " share the machine's state of that moment), with a 90% bootstrap interval of their median;"
                + " further rounds of the floor and the library alone, after the rounds of all tools, add ratios"
                + " to that verdict (single runs vary by 10-25% with the server's I/O, and five tools a round"
                + " leave too few rounds to place the ratio against the line).\n"
                + "- Workload: revision i creates `bench_r<i>` (3 columns, primary key), an index on it, and inserts a"
                + " row. The same SQL is given to every tool: this engine's scripts (one file per revision), Flyway"
                + " `V<i>__...sql` files, a Liquibase XML changelog including one formatted-SQL file per revision.\n"
                + "- The JDBC floor runs the same statements over one plain connection, one transaction per"
                + " revision, no bookkeeping. Every tool also runs one transaction per revision (their defaults).\n"
                + "- Library runs (this engine's `Migrations`, Flyway's `Flyway.configure()...migrate()`, Liquibase's"
                + " `update` command through `CommandScope`) run in the benchmark JVM, timed from configuration to"
                + " return, script loading included, each after a `System.gc()` (no tool pays for collecting"
                + " the garbage of the one before it); tools log at WARN. The CLI runs as `java -jar"
                + " migrations-cli-*-all.jar upgrade head`, timed as a process.\n"
                + "- Memory: each tool applies the workload in a fresh JVM (`-XX:+UseSerialGC -Xmn8m -Xmx1g`, so"
                + " young collections are frequent); peak live heap is the largest heap occupancy right after any"
                + " collection (garbage-collector notifications), peak used is the sum of the heap pools' peak"
                + " usage, garbage included (`MemoryPoolMXBean.getPeakUsage`).\n\n"
                + "## Machine and load\n\n"
                + String.format(
                        Locale.ROOT,
                        "- %d CPUs (%s), %s; %s %s (%s); PostgreSQL %s on localhost; Spring Boot %s, Flyway %s,"
                                + " Liquibase %s.%n",
                        Runtime.getRuntime().availableProcessors(),
                        cpuModel(),
                        memory(),
                        System.getProperty("java.vm.name"),
                        System.getProperty("java.version"),
                        System.getProperty("os.name") + " " + System.getProperty("os.version"),
                        pg,
                        SpringBootVersion.getVersion(),
                        flywayVersion(),
                        liquibase.util.LiquibaseUtil.getBuildVersion())
                + "- Run " + started.truncatedTo(ChronoUnit.SECONDS) + ", took " + took.toMinutes() + " min "
                + took.toSecondsPart() + " s. Load average (1, 5, 15 min) at the start: " + loadBefore
                + ", at the end: " + loadAverage() + " (the benchmark's own processes count: a load well above"
                + " 2 on these 2 CPUs means other work shared the machine and widened the spreads).\n";
    }

    private static String flywayVersion() throws IOException {
        try (var in = org.flywaydb.core.Flyway.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt")) {
            return in == null ? "?" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /**
     * Rounds of the apply section for a workload: a smaller workload runs more of them, its runs being
     * short and the round-to-round noise a larger share of them (200 revisions: 15 rounds of about 10 s
     * each; 1,000: the base number).
     */
    static int applyRounds(int revisions, int rounds) {
        return rounds < 7 ? rounds : Math.max(rounds, Math.min(15, 3000 / revisions));
    }

    /**
     * Further rounds of the floor and the library alone for the apply goal's verdict: about 3 s a
     * round at 200 revisions, so 30 of them there (45 ratios with the 15 full rounds); 6 at 1,000.
     */
    static int goalRounds(int revisions) {
        return 6000 / revisions;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB RAM")
                    .findFirst()
                    .orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static PostgresServer server() {
        String url = System.getenv("MIGRATIONS_BENCH_JDBC_URL");
        return url == null
                ? new PostgresServer("jdbc:postgresql://localhost:5432/postgres", "postgres", null, "")
                : new PostgresServer(
                        url, System.getenv("MIGRATIONS_BENCH_USER"), System.getenv("MIGRATIONS_BENCH_PASSWORD"), "");
    }

    /** The CLI's shaded jar: {@code -Dbench.cli.jar=...}, else {@code migrations-cli/target/*-all.jar}. */
    private static Path cliJar() throws IOException {
        String configured = System.getProperty("bench.cli.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        Path target = Path.of("migrations-cli", "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-all.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no migrations-cli/target/*-all.jar; run the"
                            + " benchmarks from the repository root after 'mvn -pl benchmarks -am package'"));
        }
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
