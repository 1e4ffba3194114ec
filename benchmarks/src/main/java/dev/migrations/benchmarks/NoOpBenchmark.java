package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.concat;
import static dev.migrations.benchmarks.Samples.median;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The no-op section of {@link ToolBenchmark}: {@code upgrade head} on databases each tool brought to
 * head, reported as each tool's overhead above a floor that only connects, and the engine's overhead
 * against Flyway's.
 */
final class NoOpBenchmark {
    /**
     * The engine on a database without its verification record (what the first start after the
     * scripts' listing changed pays: every script read, hashed and parsed, every checksum checked).
     */
    static final String UNVERIFIED = "ENGINE_UNVERIFIED";

    private final ToolRunner runner;
    private final Report report;

    NoOpBenchmark(ToolRunner runner, Report report) {
        this.runner = runner;
        this.report = report;
    }

    /**
     * The no-op {@code upgrade head} on databases each tool brought to head, for several workload
     * sizes: in this JVM (overhead above opening one connection) and as fresh JVMs (overhead above a
     * JVM that opens one connection).
     */
    void run(List<Workload> workloads, int rounds, int processRounds, int goalRounds) throws Exception {
        List<List<String>> inProcessRows = new ArrayList<>();
        List<List<String>> processRows = new ArrayList<>();
        Map<Integer, NoOpRatios> engineVsFlyway = new LinkedHashMap<>();
        for (Workload workload : workloads) {
            Map<String, String> dbs = new LinkedHashMap<>();
            try {
                for (String tool : List.of("ENGINE", "FLYWAY", "LIQUIBASE")) {
                    String db = runner.createDatabase();
                    dbs.put(tool, db);
                    runner.run(Tool.valueOf(tool), workload, db);
                    runner.checkApplied(db, workload.revisions());
                }
                dbs.put("CONNECT", dbs.get("ENGINE"));
                dbs.put("JDBC_FLOOR", dbs.get("ENGINE"));
                dbs.put("ENGINE_CLI", dbs.get("ENGINE"));
                Map<String, double[]> inProcess =
                        alternate(List.of("CONNECT", "ENGINE", UNVERIFIED, "FLYWAY", "LIQUIBASE"), rounds, 2, tool -> {
                            String run = tool.equals(UNVERIFIED) ? "ENGINE" : tool;
                            String db = dbs.get(run);
                            if (tool.equals(UNVERIFIED)) {
                                // The run reads everything and writes the record again.
                                runner.forgetVerification(db);
                            }
                            return runner.timeTool(run, workload, db);
                        });
                addOverheadRows(
                        inProcessRows, workload.revisions(), inProcess, "CONNECT", "floor: open one connection");
                Map<String, double[]> process = alternate(
                        List.of("CONNECT", "ENGINE", "CLI_CONNECT", "ENGINE_CLI", "FLYWAY", "LIQUIBASE"),
                        processRounds,
                        1,
                        tool -> switch (tool) {
                            case "ENGINE_CLI" -> runner.runCli(workload, dbs.get("ENGINE"));
                            case "CLI_CONNECT" -> runner.runCliFloor(dbs.get("ENGINE"));
                            default ->
                                runner.runProbe(tool, workload, dbs.get(tool), List.of())
                                        .wallMs();
                        });
                addOverheadRows(
                        processRows, workload.revisions(), process, "CONNECT", "floor: JVM opening one connection");
                // The engine's fresh-JVM overhead is a few tens of ms against starts that vary by as much:
                // further rounds of the floor and the library alone (half a second each) narrow its median.
                Map<String, double[]> pairs =
                        alternate(List.of("CONNECT", "ENGINE"), goalRounds, 0, tool -> runner.runProbe(
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
                    runner.dropDatabase(db);
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
                            : ToolBenchmark.label(tool);
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
}
