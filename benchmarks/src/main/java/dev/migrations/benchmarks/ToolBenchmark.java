package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.concat;
import static dev.migrations.benchmarks.Samples.median;
import static dev.migrations.benchmarks.Samples.perRound;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * This engine against Flyway, Liquibase and the plain-JDBC floor on PostgreSQL: applying N revisions
 * to an empty database, the no-op {@code upgrade head} when all are applied (in this JVM and as a
 * fresh JVM each time), and each tool's heap on the apply workload. Tools alternate run by run (A B C
 * A B C); every apply starts from a new empty database; reported are the median and the spread
 * (min–max) over the rounds, and ratios against the floor measured in the same rounds.
 */
final class ToolBenchmark {
    /** What the apply and the no-op runs compare, in the order they alternate. */
    private static final List<String> APPLY_TOOLS =
            List.of("JDBC_FLOOR", "ENGINE", "ENGINE_CLI", "FLYWAY", "LIQUIBASE");

    private final ToolRunner runner;
    private final Report report;

    ToolBenchmark(PostgresServer server, Path cliJar, String classpath, Report report) {
        this.runner = new ToolRunner(server, cliJar, classpath);
        this.report = report;
    }

    static String label(String tool) {
        return switch (tool) {
            case "ENGINE_CLI" -> "migrations (CLI jar, own JVM)";
            case NoOpBenchmark.UNVERIFIED -> "migrations (library), scripts changed since the last start: full read";
            default -> Tool.valueOf(tool).label();
        };
    }

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
                String db = runner.createDatabase();
                try {
                    double ms = runner.timeTool(tool, workload, db);
                    runner.checkApplied(db, workload.revisions());
                    if (r >= 0) {
                        samples.get(tool)[r] = ms;
                    }
                    line.append(String.format(Locale.ROOT, " %s %.0f", tool, ms));
                } finally {
                    runner.dropDatabase(db);
                }
            }
            System.out.println(line);
        }
        return samples;
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

    // ------------------------------------------------------------------ no-op start

    /** See {@link NoOpBenchmark#run}. */
    void noOp(List<Workload> workloads, int rounds, int processRounds, int goalRounds) throws Exception {
        new NoOpBenchmark(runner, report).run(workloads, rounds, processRounds, goalRounds);
    }

    // ------------------------------------------------------------------ memory

    /** Each tool applies the workload in a fresh JVM with a small young generation; see {@link ToolProbe}. */
    void memory(Workload workload, int rounds) throws Exception {
        List<String> tools = List.of("JDBC_FLOOR", "ENGINE", "FLYWAY", "LIQUIBASE");
        List<String> jvm = List.of("-XX:+UseSerialGC", "-Xmn8m", "-Xms64m", "-Xmx1g");
        Map<String, List<ToolRunner.Probe>> probes = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (String tool : tools) {
                String db = runner.createDatabase();
                try {
                    probes.computeIfAbsent(tool, t -> new ArrayList<>()).add(runner.runProbe(tool, workload, db, jvm));
                    runner.checkApplied(db, workload.revisions());
                } finally {
                    runner.dropDatabase(db);
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

    private static double[] live(List<ToolRunner.Probe> probes) {
        return probes.stream().mapToDouble(p -> p.peakLive() / 1048576.0).toArray();
    }
}
