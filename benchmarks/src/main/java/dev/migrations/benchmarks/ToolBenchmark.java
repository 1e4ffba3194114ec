package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.check;
import static dev.migrations.benchmarks.Samples.concat;
import static dev.migrations.benchmarks.Samples.median;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * This engine against Flyway, Liquibase and the plain-JDBC floor on PostgreSQL: applying N revisions
 * to an empty database, the no-op {@code upgrade head} when all are applied (in this JVM and as a
 * fresh JVM each time), and each tool's heap on the apply workload. Tools alternate run by run (A B C
 * A B C); every apply starts from a new empty database; reported are the median and the spread
 * (min–max) over the rounds, and ratios against the floor measured in the same rounds.
 */
final class ToolBenchmark {
    private static final long PROCESS_TIMEOUT_SECONDS = 600;

    /** What the apply and the no-op runs compare, in the order they alternate. */
    private static final List<String> APPLY_TOOLS =
            List.of("JDBC_FLOOR", "ENGINE", "ENGINE_CLI", "FLYWAY", "LIQUIBASE");

    private final PostgresServer server;
    private final Path cliJar;
    private final String classpath;
    private final Report report;

    ToolBenchmark(PostgresServer server, Path cliJar, String classpath, Report report) {
        this.server = server;
        this.cliJar = cliJar;
        this.classpath = classpath;
        this.report = report;
    }

    private static String label(String tool) {
        return switch (tool) {
            case "ENGINE_CLI" -> "migrations (CLI jar, own JVM)";
            case UNVERIFIED -> "migrations (library), scripts changed since the last start: full read";
            default -> Tool.valueOf(tool).label();
        };
    }

    /**
     * The engine on a database without its verification record (what the first start after the
     * scripts' listing changed pays: every script read, hashed and parsed, every checksum checked).
     */
    private static final String UNVERIFIED = "ENGINE_UNVERIFIED";

    // ------------------------------------------------------------------ apply

    /**
     * Applies the workload with every tool, {@code rounds} times after {@code warmUp} unrecorded rounds,
     * then {@code goalRounds} more rounds of the floor and the library alone for the goal's verdict.
     */
    void apply(Workload workload, int rounds, int warmUp, int goalRounds) throws Exception {
        Map<String, double[]> samples = alternateApply(workload, APPLY_TOOLS, rounds, warmUp, "round");
        double[] floor = samples.get("JDBC_FLOOR");
        // Single runs vary by 10-25% with the server's I/O, so the per-round ratios of the rounds above
        // leave an interval too wide to place the engine against a 1.10 line; rounds of the compared pair
        // alone cost a fifth as much and narrow it.
        double[] goalRatios = perRound(samples.get("ENGINE"), floor);
        if (goalRounds > 0) {
            Map<String, double[]> pairs =
                    alternateApply(workload, List.of("JDBC_FLOOR", "ENGINE"), goalRounds, 0, "goal round");
            goalRatios = concat(goalRatios, perRound(pairs.get("ENGINE"), pairs.get("JDBC_FLOOR")));
        }
        List<List<String>> rows = new ArrayList<>();
        for (var entry : samples.entrySet()) {
            double[] values = entry.getValue();
            double[] perRound = perRound(values, floor);
            rows.add(List.of(
                    label(entry.getKey()),
                    Report.ms(values),
                    Report.ratio(median(values) / median(floor)),
                    Report.ratios(perRound),
                    Report.num(median(values) / workload.revisions())));
        }
        report.text(rounds + " rounds" + (warmUp > 0 ? " after " + warmUp + " unrecorded" : "")
                + "; each run on a new empty database, the tools in this order within a round and in reverse order"
                + " every other round."
                + (goalRounds > 0
                        ? " The goal's verdict also counts " + goalRounds + " further rounds of the floor and the"
                                + " library alone (alternating which goes first), not shown in the table."
                        : ""));
        for (String tool : APPLY_TOOLS.subList(1, APPLY_TOOLS.size())) {
            double[] perRound = perRound(samples.get(tool), floor);
            report.summary(String.format(
                    Locale.ROOT,
                    "apply %d revisions, %s / JDBC floor: %.2fx per round (median), %.2fx of the medians%s",
                    workload.revisions(),
                    label(tool),
                    median(perRound),
                    median(samples.get(tool)) / median(floor),
                    tool.equals("ENGINE") ? goal(goalRatios, rounds) : ""));
        }
        report.table(
                List.of(
                        "tool",
                        "ms, median (min–max)",
                        "vs floor (medians)",
                        "vs floor per round, median (min–max)",
                        "ms/revision"),
                rows);
    }

    /**
     * Runs each tool on a new empty database per run, {@code rounds} times after {@code warmUp}
     * unrecorded rounds, every other round in reverse order (so no tool keeps the place after a given
     * other); returns each tool's times by round.
     */
    private Map<String, double[]> alternateApply(
            Workload workload, List<String> tools, int rounds, int warmUp, String what) throws Exception {
        Map<String, double[]> samples = new LinkedHashMap<>();
        for (String tool : tools) {
            samples.put(tool, new double[rounds]);
        }
        for (int r = -warmUp; r < rounds; r++) {
            StringBuilder line = new StringBuilder(
                    String.format(Locale.ROOT, "  apply %d, %s %d:", workload.revisions(), what, r + 1));
            List<String> order = new ArrayList<>(tools);
            if (Math.floorMod(r, 2) == 1) {
                Collections.reverse(order);
            }
            for (String tool : order) {
                String db = createDatabase();
                try {
                    double ms = timeTool(tool, workload, db);
                    checkApplied(db, workload.revisions());
                    if (r >= 0) {
                        samples.get(tool)[r] = ms;
                    }
                    line.append(String.format(Locale.ROOT, " %s %.0f", tool, ms));
                } finally {
                    dropDatabase(db);
                }
            }
            System.out.println(line);
        }
        return samples;
    }

    /** Each round's time over the floor's time in the same round. */
    private static double[] perRound(double[] values, double[] floor) {
        double[] ratios = new double[values.length];
        for (int r = 0; r < values.length; r++) {
            ratios[r] = values[r] / floor[r];
        }
        return ratios;
    }

    /**
     * The apply goal's verdict on the per-round ratios: the tools of a round share the machine's state
     * of that moment, so the ratio within a round is steadier than the ratio of medians taken over
     * rounds that drift; the 90% bootstrap interval of their median says whether the rounds settle it.
     */
    private static String goal(double[] perRound, int allToolRounds) {
        double[] interval = Samples.medianInterval90(perRound);
        String verdict = Samples.verdict(perRound.length, interval[1] <= 1.10, interval[0] > 1.10);
        String parts = "";
        if (perRound.length > allToolRounds) {
            // Shown apart: the library alone with the floor runs without the other tools' code in the
            // JVM between its runs, which has measured a few hundredths lower than the rounds of all.
            parts = String.format(
                    Locale.ROOT,
                    "; the %d rounds of all tools alone %s, the %d of the floor and the library alone %s",
                    allToolRounds,
                    medianWithInterval(Arrays.copyOfRange(perRound, 0, allToolRounds)),
                    perRound.length - allToolRounds,
                    medianWithInterval(Arrays.copyOfRange(perRound, allToolRounds, perRound.length)));
        }
        return String.format(
                Locale.ROOT,
                " (goal at most 1.10x: %s; per-round ratios %s over %d rounds%s)",
                verdict,
                medianWithInterval(perRound),
                perRound.length,
                parts);
    }

    private static String medianWithInterval(double[] values) {
        double[] interval = Samples.medianInterval90(values);
        return String.format(
                Locale.ROOT,
                "median %.2fx, 90%% bootstrap interval %.2f..%.2f",
                median(values),
                interval[0],
                interval[1]);
    }

    /** Every tool leaves the workload's tables, each with its row. */
    private void checkApplied(String db, int revisions) throws Exception {
        try (var connection = server.connect(db);
                var st = connection.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'bench\\_r%'")) {
            check(rs.next() && rs.getInt(1) == revisions, "expected " + revisions + " tables in " + db);
        }
    }

    private double timeTool(String tool, Workload workload, String db) throws Exception {
        if (tool.equals("ENGINE_CLI")) {
            return runCli(workload, db);
        }
        // No tool pays for collecting the garbage of the one before it (Liquibase's, mostly).
        System.gc();
        long t0 = System.nanoTime();
        Tool.valueOf(tool).run(workload, server.urlFor(db), server.user(), server.password());
        return (System.nanoTime() - t0) / 1e6;
    }

    // ------------------------------------------------------------------ no-op start

    /**
     * The no-op {@code upgrade head} on databases each tool brought to head, for several workload
     * sizes: in this JVM (overhead above opening one connection) and as fresh JVMs (overhead above a
     * JVM that opens one connection).
     */
    void noOp(List<Workload> workloads, int rounds, int processRounds, int goalRounds) throws Exception {
        List<List<String>> inProcessRows = new ArrayList<>();
        List<List<String>> processRows = new ArrayList<>();
        Map<Integer, NoOpRatios> engineVsFlyway = new LinkedHashMap<>();
        for (Workload workload : workloads) {
            Map<String, String> dbs = new LinkedHashMap<>();
            try {
                for (String tool : List.of("ENGINE", "FLYWAY", "LIQUIBASE")) {
                    String db = createDatabase();
                    dbs.put(tool, db);
                    Tool.valueOf(tool).run(workload, server.urlFor(db), server.user(), server.password());
                    checkApplied(db, workload.revisions());
                }
                dbs.put("CONNECT", dbs.get("ENGINE"));
                dbs.put("JDBC_FLOOR", dbs.get("ENGINE"));
                dbs.put("ENGINE_CLI", dbs.get("ENGINE"));
                Map<String, double[]> inProcess =
                        alternate(List.of("CONNECT", "ENGINE", UNVERIFIED, "FLYWAY", "LIQUIBASE"), rounds, 2, tool -> {
                            Tool run = tool.equals(UNVERIFIED) ? Tool.ENGINE : Tool.valueOf(tool);
                            String db = dbs.get(tool.equals(UNVERIFIED) ? "ENGINE" : tool);
                            if (tool.equals(UNVERIFIED)) {
                                // The run reads everything and writes the record again.
                                forgetVerification(db);
                            }
                            System.gc();
                            long t0 = System.nanoTime();
                            run.run(workload, server.urlFor(db), server.user(), server.password());
                            return (System.nanoTime() - t0) / 1e6;
                        });
                addOverheadRows(
                        inProcessRows, workload.revisions(), inProcess, "CONNECT", "floor: open one connection");
                Map<String, double[]> process = alternate(
                        List.of("CONNECT", "ENGINE", "CLI_CONNECT", "ENGINE_CLI", "FLYWAY", "LIQUIBASE"),
                        processRounds,
                        1,
                        tool -> switch (tool) {
                            case "ENGINE_CLI" -> runCli(workload, dbs.get("ENGINE"));
                            case "CLI_CONNECT" -> runCliFloor(dbs.get("ENGINE"));
                            default ->
                                runProbe(tool, workload, dbs.get(tool), List.of())
                                        .wallMs();
                        });
                addOverheadRows(
                        processRows, workload.revisions(), process, "CONNECT", "floor: JVM opening one connection");
                // The engine's fresh-JVM overhead is a few tens of ms against starts that vary by as much:
                // further rounds of the floor and the library alone (half a second each) narrow its median.
                Map<String, double[]> pairs = alternate(List.of("CONNECT", "ENGINE"), goalRounds, 0, tool -> runProbe(
                                tool, workload, dbs.get(tool), List.of())
                        .wallMs());
                double[] engineOverheads =
                        concat(overheads(process, "ENGINE", "CONNECT"), overheads(pairs, "ENGINE", "CONNECT"));
                double flywayOverhead = overheadMedian(process, "FLYWAY", "CONNECT");
                double[] interval = Samples.medianInterval90(engineOverheads);
                engineVsFlyway.put(
                        workload.revisions(),
                        new NoOpRatios(
                                overheadMedian(inProcess, "ENGINE", "CONNECT")
                                        / overheadMedian(inProcess, "FLYWAY", "CONNECT"),
                                median(engineOverheads) / flywayOverhead,
                                interval[0] / flywayOverhead,
                                interval[1] / flywayOverhead,
                                engineOverheads.length,
                                median(engineOverheads),
                                overheadMedian(process, "ENGINE_CLI", "CLI_CONNECT") / flywayOverhead,
                                overheadMedian(inProcess, UNVERIFIED, "CONNECT")
                                        / overheadMedian(inProcess, "FLYWAY", "CONNECT")));
            } finally {
                for (String db : new java.util.HashSet<>(dbs.values())) {
                    dropDatabase(db);
                }
            }
        }
        List<String> header = List.of(
                "applied",
                "tool",
                "ms, median (min–max)",
                "overhead above the floor, median (min–max)",
                "vs Flyway's overhead");
        report.text("**In this JVM** (warm; the floor opens one connection and closes it; " + rounds
                + " rounds after 2 unrecorded):");
        report.table(header, withFlywayRatio(inProcessRows));
        report.text("**A fresh JVM per run** (`java -cp <benchmark classpath> ToolProbe <tool>`, each starting"
                + " Logback, then the tool; the floor is the same JVM opening one connection. The CLI runs as `java"
                + " -jar migrations-cli-*-all.jar upgrade head` against its own floor, a JVM on the CLI jar opening"
                + " one connection; " + processRounds + " rounds after 1 unrecorded):");
        report.table(header, withFlywayRatio(processRows));
        if (goalRounds > 0) {
            report.text("The fresh-JVM ratio of the library below also counts " + goalRounds
                    + " further rounds of the floor and the library alone (not in the table), its interval the 90%"
                    + " bootstrap interval of the library's median overhead over Flyway's median overhead.");
        }
        for (var entry : engineVsFlyway.entrySet()) {
            NoOpRatios r = entry.getValue();
            String fresh = String.format(
                    Locale.ROOT,
                    "%.3f in a fresh JVM (library, %.1f ms; 90%% interval %.3f..%.3f over %d rounds)",
                    r.fresh(),
                    r.freshMs(),
                    r.freshLow(),
                    r.freshHigh(),
                    r.freshRounds());
            report.summary(String.format(
                    Locale.ROOT,
                    "no-op start with %d applied, engine overhead / Flyway overhead above the floor: %.3f in a warm"
                            + " JVM, %s, %.3f (CLI jar) (goal at most 0.100); the first start after the scripts"
                            + " changed (full read, warm JVM): %.3f",
                    entry.getKey(),
                    r.warm(),
                    fresh,
                    r.cli(),
                    r.unverified()));
            report.text(String.format(
                    Locale.ROOT,
                    "%d applied: engine overhead / Flyway overhead = %.3f in this JVM, %s, %.3f (CLI jar); goal at"
                            + " most 0.100. The first start after the scripts changed reads them all: %.3f (warm JVM).",
                    entry.getKey(),
                    r.warm(),
                    fresh,
                    r.cli(),
                    r.unverified()));
        }
    }

    /**
     * The engine's no-op overhead over Flyway's: in a warm JVM, in fresh JVMs (with the interval, the
     * rounds counted and the engine's median overhead in ms), the CLI jar, and the full read.
     */
    private record NoOpRatios(
            double warm,
            double fresh,
            double freshLow,
            double freshHigh,
            int freshRounds,
            double freshMs,
            double cli,
            double unverified) {}

    private interface Timed {
        double run(String tool) throws Exception;
    }

    private static Map<String, double[]> alternate(List<String> tools, int rounds, int warmUp, Timed timed)
            throws Exception {
        Map<String, double[]> samples = new LinkedHashMap<>();
        for (String tool : tools) {
            samples.put(tool, new double[rounds]);
        }
        for (int r = -warmUp; r < rounds; r++) {
            for (String tool : tools) {
                double ms = timed.run(tool);
                if (r >= 0) {
                    samples.get(tool)[r] = ms;
                }
            }
        }
        return samples;
    }

    private static double[] overheads(Map<String, double[]> samples, String tool, String floor) {
        double[] values = samples.get(tool);
        double[] base = samples.get(floor);
        double[] result = new double[values.length];
        for (int r = 0; r < values.length; r++) {
            result[r] = values[r] - base[r];
        }
        return result;
    }

    private static double overheadMedian(Map<String, double[]> samples, String tool, String floor) {
        return median(overheads(samples, tool, floor));
    }

    private static void addOverheadRows(
            List<List<String>> rows, int applied, Map<String, double[]> samples, String floor, String floorLabel) {
        for (var entry : samples.entrySet()) {
            String tool = entry.getKey();
            // The CLI jar starts a smaller classpath and another logging back-end: its own floor.
            String base = tool.equals("ENGINE_CLI") ? "CLI_CONNECT" : floor;
            boolean isFloor = tool.equals(floor) || tool.equals("CLI_CONNECT");
            String label = tool.equals(floor)
                    ? floorLabel
                    : tool.equals("CLI_CONNECT")
                            ? "floor for the CLI: JVM on the CLI jar opening one connection"
                            : label(tool);
            rows.add(new ArrayList<>(List.of(
                    String.valueOf(applied),
                    label,
                    Report.ms(entry.getValue()),
                    isFloor ? "–" : Report.ms(overheads(samples, tool, base)),
                    isFloor ? "–" : Double.toString(median(overheads(samples, tool, base))))));
        }
    }

    /** Replaces the last cell (the raw median overhead) by the ratio to Flyway's of the same size. */
    private static List<List<String>> withFlywayRatio(List<List<String>> rows) {
        Map<String, Double> flyway = new LinkedHashMap<>();
        for (List<String> row : rows) {
            if (row.get(1).equals(Tool.FLYWAY.label())) {
                flyway.put(row.get(0), Double.parseDouble(row.get(4)));
            }
        }
        List<List<String>> result = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> copy = new ArrayList<>(row);
            if (!row.get(4).equals("–")) {
                copy.set(
                        4, String.format(Locale.ROOT, "%.3f", Double.parseDouble(row.get(4)) / flyway.get(row.get(0))));
            }
            result.add(copy);
        }
        return result;
    }

    // ------------------------------------------------------------------ memory

    /** Each tool applies the workload in a fresh JVM with a small young generation; see {@link ToolProbe}. */
    void memory(Workload workload, int rounds) throws Exception {
        List<String> tools = List.of("JDBC_FLOOR", "ENGINE", "FLYWAY", "LIQUIBASE");
        List<String> jvm = List.of("-XX:+UseSerialGC", "-Xmn8m", "-Xms64m", "-Xmx1g");
        Map<String, List<Probe>> probes = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (String tool : tools) {
                String db = createDatabase();
                try {
                    probes.computeIfAbsent(tool, t -> new ArrayList<>()).add(runProbe(tool, workload, db, jvm));
                    checkApplied(db, workload.revisions());
                } finally {
                    dropDatabase(db);
                }
            }
        }
        double floorLive = median(live(probes.get("JDBC_FLOOR")));
        List<List<String>> rows = new ArrayList<>();
        for (var entry : probes.entrySet()) {
            double[] live = live(entry.getValue());
            double[] used = entry.getValue().stream()
                    .mapToDouble(p -> p.peakUsed() / 1048576.0)
                    .toArray();
            rows.add(List.of(
                    label(entry.getKey()), Report.ms(live), Report.num(median(live) - floorLive), Report.ms(used)));
        }
        report.table(
                List.of(
                        "tool",
                        "peak live heap MiB, median (min–max)",
                        "above the floor, MiB",
                        "peak heap used incl. garbage MiB, median (min–max)"),
                rows);
    }

    private static double[] live(List<Probe> probes) {
        return probes.stream().mapToDouble(p -> p.peakLive() / 1048576.0).toArray();
    }

    // ------------------------------------------------------------------ processes

    /** A probe JVM's result: wall clock of the process, and what it reported. */
    private record Probe(double wallMs, double runMs, long peakLive, long peakUsed) {}

    private Probe runProbe(String tool, Workload workload, String db, List<String> jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-Dlogback.configurationFile=logback-benchmarks.xml");
        command.add("-cp");
        command.add(classpath);
        command.add(ToolProbe.class.getName());
        command.add(tool);
        command.add(workload.root().toString());
        command.add(server.urlFor(db));
        command.add(server.user() == null ? "-" : server.user());
        long t0 = System.nanoTime();
        String output = runProcess(command);
        double wall = (System.nanoTime() - t0) / 1e6;
        int at = output.indexOf(ToolProbe.PREFIX);
        check(at >= 0, tool + " probe printed no result:\n" + output);
        String line = output.substring(at).lines().findFirst().orElseThrow();
        return new Probe(
                wall,
                Double.parseDouble(field(line, "ms=")),
                Long.parseLong(field(line, "peakLive=")),
                Long.parseLong(field(line, "peakUsed=")));
    }

    private static String field(String line, String key) {
        int at = line.indexOf(key) + key.length();
        int end = line.indexOf(' ', at);
        return line.substring(at, end < 0 ? line.length() : end);
    }

    /** A JVM on the CLI jar's classpath opening one connection ({@link ConnectProbe}), wall clock in ms. */
    private double runCliFloor(String db) throws Exception {
        String classes = Path.of(ConnectProbe.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                cliJar + java.io.File.pathSeparator + classes,
                ConnectProbe.class.getName(),
                server.urlFor(db),
                server.user() == null ? "-" : server.user()));
        long t0 = System.nanoTime();
        runProcess(command);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** {@code java -jar migrations-cli-*-all.jar upgrade head}, wall clock in ms. */
    private double runCli(Workload workload, String db) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-jar",
                cliJar.toString(),
                "--url=" + server.urlFor(db),
                "--location=filesystem:" + workload.engineDir()));
        if (server.user() != null) {
            command.add("--user=" + server.user());
        }
        command.addAll(List.of("upgrade", "head"));
        long t0 = System.nanoTime();
        runProcess(command);
        return (System.nanoTime() - t0) / 1e6;
    }

    private String runProcess(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (server.password() != null) {
            builder.environment().put("MIGRATIONS_BENCH_PASSWORD", server.password());
            builder.environment().put("MIGRATIONS_PASSWORD", server.password());
        }
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        check(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS), "timed out: " + command);
        check(process.exitValue() == 0, "exit " + process.exitValue() + " from " + command + ":\n" + output);
        return output;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // ------------------------------------------------------------------ databases

    String createDatabase() throws Exception {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        String name = "bench_" + HexFormat.of().formatHex(bytes);
        server.adminExecute("CREATE DATABASE " + name);
        return name;
    }

    private void forgetVerification(String db) throws SQLException {
        try (Connection connection = server.connect(db);
                Statement st = connection.createStatement()) {
            st.execute("DELETE FROM alembic_version_verified");
        }
    }

    void dropDatabase(String name) throws Exception {
        server.adminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
