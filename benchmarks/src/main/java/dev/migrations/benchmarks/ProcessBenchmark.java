package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.median;
import static dev.migrations.benchmarks.Samples.perRound;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line as pipelines, Kubernetes Jobs and fleet shards run it: a fresh process per deploy,
 * {@code bin/migrations upgrade head} exactly as a user starts it (its class-data-sharing archive and
 * JVM flags included, its INFO log lines printed), timed from outside as whole processes against
 * <ul>
 *   <li>on apply, {@link JdbcLoop} applying the same SQL in a JVM of its own (class path: it and the
 *       PostgreSQL driver), each revision in a transaction with a version row;
 *   <li>on the no-op at head, Flyway's overhead in a fresh JVM ({@link ToolProbe}) above its floor
 *       (the same JVM opening one connection), the CLI's above a bare JVM that only connects
 *       ({@link JdbcLoop} without files, default flags).
 * </ul>
 * Paired rounds, the order reversed every other round; medians, per-round ratios and the CPU time
 * (user plus system, every thread) of each whole process.
 */
final class ProcessBenchmark {
    private static final String LOOP = "JDBC loop, own JVM";
    private static final String CLI = "bin/migrations";
    private static final String BARE = "bare JVM opening one connection (JdbcLoop)";
    private static final String FLYWAY_FLOOR = "Flyway's floor: ToolProbe JVM opening one connection";
    private static final String FLYWAY = "Flyway (ToolProbe, fresh JVM)";

    private final ToolRunner runner;
    private final Report report;
    private final Path launcher;
    private final String loopClasspath;

    ProcessBenchmark(ToolRunner runner, Report report, Path launcher)
            throws URISyntaxException, ClassNotFoundException {
        this.runner = runner;
        this.report = report;
        this.launcher = launcher;
        this.loopClasspath =
                location(JdbcLoop.class) + File.pathSeparator + location(Class.forName("org.postgresql.Driver"));
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    /** Applies the workload with the CLI and the loop, each on a new empty database, paired over the rounds. */
    void apply(Workload workload, int rounds) throws Exception {
        Map<String, List<ToolRunner.Measured>> runs = alternate(List.of(LOOP, CLI), rounds, 1, tool -> {
            String db = runner.createDatabase();
            try {
                ToolRunner.Measured measured = runner.measure(
                        tool.equals(LOOP) ? loop(db, workload.flywayDir()) : cli(db, workload, "upgrade", "head"));
                runner.checkApplied(db, workload.revisions());
                return measured;
            } finally {
                runner.dropDatabase(db);
            }
        });
        double[] ratios = perRound(wall(runs.get(CLI)), wall(runs.get(LOOP)));
        double[] interval = Samples.medianInterval90(ratios);
        String verdict = Samples.verdict(ratios.length, interval[1] <= 1.10, interval[0] > 1.10);
        table(runs, LOOP);
        report.summary(String.format(
                Locale.ROOT,
                "whole process, apply %d revisions, bin/migrations / JDBC loop in its own JVM: %.2fx per round"
                        + " (median; 90%% bootstrap interval %.2f..%.2f over %d rounds; goal at most 1.10x: %s);"
                        + " CPU %.0f ms against %.0f ms",
                workload.revisions(),
                median(ratios),
                interval[0],
                interval[1],
                ratios.length,
                verdict,
                median(cpu(runs.get(CLI))),
                median(cpu(runs.get(LOOP)))));
    }

    /**
     * The no-op {@code upgrade head}: the CLI on a database this engine brought to head, Flyway on one
     * it brought to head, each against its floor, paired over the rounds.
     */
    void noOp(Workload workload, int rounds) throws Exception {
        String engineDb = runner.createDatabase();
        String flywayDb = runner.createDatabase();
        try {
            runner.run(Tool.ENGINE, workload, engineDb);
            runner.run(Tool.FLYWAY, workload, flywayDb);
            Map<String, List<ToolRunner.Measured>> runs = alternate(
                    List.of(BARE, CLI, FLYWAY_FLOOR, FLYWAY),
                    rounds,
                    1,
                    tool -> runner.measure(
                            switch (tool) {
                                case BARE -> loop(engineDb, null);
                                case CLI -> cli(engineDb, workload, "upgrade", "head");
                                case FLYWAY_FLOOR -> probe(Tool.CONNECT, workload, flywayDb);
                                default -> probe(Tool.FLYWAY, workload, flywayDb);
                            }));
            double[] cliOverhead = overheads(runs.get(CLI), runs.get(BARE));
            double[] flywayOverhead = overheads(runs.get(FLYWAY), runs.get(FLYWAY_FLOOR));
            double flyway = median(flywayOverhead);
            double[] interval = Samples.medianInterval90(cliOverhead);
            String verdict =
                    Samples.verdict(cliOverhead.length, interval[1] <= 0.15 * flyway, interval[0] > 0.15 * flyway);
            table(runs, BARE);
            report.summary(String.format(
                    Locale.ROOT,
                    "whole process, no-op upgrade head with %d applied: bin/migrations %.0f ms above a bare JVM"
                            + " connecting, Flyway %.0f ms above its floor: %.3f of Flyway's overhead (90%% interval"
                            + " %.3f..%.3f over %d rounds; goal at most 0.15: %s); CPU %.0f ms against the bare"
                            + " JVM's %.0f ms",
                    workload.revisions(),
                    median(cliOverhead),
                    flyway,
                    median(cliOverhead) / flyway,
                    interval[0] / flyway,
                    interval[1] / flyway,
                    cliOverhead.length,
                    verdict,
                    median(cpu(runs.get(CLI))),
                    median(cpu(runs.get(BARE)))));
        } finally {
            runner.dropDatabase(engineDb);
            runner.dropDatabase(flywayDb);
        }
    }

    /** A fresh {@link ToolProbe} JVM running the tool, as the no-op section starts it. */
    private List<String> probe(Tool tool, Workload workload, String db) {
        return runner.probeCommand(
                ToolProbe.class, List.of(), List.of(tool.name(), workload.root().toString()), db, List.of());
    }

    private List<String> loop(String db, Path dir) {
        PostgresServer server = runner.server();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                loopClasspath,
                JdbcLoop.class.getName(),
                server.urlFor(db),
                server.user() == null ? "-" : server.user()));
        if (dir != null) {
            command.add(dir.toString());
        }
        return command;
    }

    private List<String> cli(String db, Workload workload, String... verb) {
        PostgresServer server = runner.server();
        List<String> command = new ArrayList<>(List.of(
                launcher.toString(), "--url=" + server.urlFor(db), "--location=filesystem:" + workload.engineDir()));
        if (server.user() != null) {
            command.add("--user=" + server.user());
        }
        command.addAll(List.of(verb));
        return command;
    }

    private void table(Map<String, List<ToolRunner.Measured>> runs, String floor) {
        double[] base = wall(runs.get(floor));
        List<List<String>> rows = new ArrayList<>();
        for (var entry : runs.entrySet()) {
            double[] wall = wall(entry.getValue());
            rows.add(List.of(
                    entry.getKey(),
                    Report.ms(wall),
                    Report.ratios(perRound(wall, base)),
                    Report.ms(cpu(entry.getValue()))));
        }
        report.table(
                List.of(
                        "process",
                        "wall ms, median (min–max)",
                        "vs " + floor + " per round, median (min–max)",
                        "CPU ms (user+sys), median (min–max)"),
                rows);
    }

    private interface Run {
        ToolRunner.Measured run(String tool) throws Exception;
    }

    /** Each tool once a round, the order reversed every other round, after {@code warmUp} unrecorded rounds. */
    private static Map<String, List<ToolRunner.Measured>> alternate(List<String> tools, int rounds, int warmUp, Run run)
            throws Exception {
        Map<String, List<ToolRunner.Measured>> runs = new LinkedHashMap<>();
        for (String tool : tools) {
            runs.put(tool, new ArrayList<>());
        }
        for (int r = -warmUp; r < rounds; r++) {
            List<String> order = new ArrayList<>(tools);
            if (Math.floorMod(r, 2) == 1) {
                Collections.reverse(order);
            }
            StringBuilder line = new StringBuilder(r < 0 ? "  warm-up:" : "  round " + (r + 1) + ":");
            for (String tool : order) {
                ToolRunner.Measured measured = run.run(tool);
                if (r >= 0) {
                    runs.get(tool).add(measured);
                }
                line.append(String.format(
                        Locale.ROOT, " [%s] %.0f ms, CPU %.0f ms;", tool, measured.wallMs(), measured.cpuMs()));
            }
            System.out.println(line);
        }
        return runs;
    }

    private static double[] wall(List<ToolRunner.Measured> runs) {
        return runs.stream().mapToDouble(ToolRunner.Measured::wallMs).toArray();
    }

    private static double[] cpu(List<ToolRunner.Measured> runs) {
        return runs.stream().mapToDouble(ToolRunner.Measured::cpuMs).toArray();
    }

    private static double[] overheads(List<ToolRunner.Measured> runs, List<ToolRunner.Measured> floor) {
        double[] result = new double[runs.size()];
        for (int r = 0; r < result.length; r++) {
            result[r] = runs.get(r).wallMs() - floor.get(r).wallMs();
        }
        return result;
    }
}
