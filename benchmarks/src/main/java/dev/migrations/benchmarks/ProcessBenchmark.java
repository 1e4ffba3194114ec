package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.median;
import static dev.migrations.benchmarks.Samples.perRound;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
 * When the container image is built ({@link ImageContender}), its entrypoint is timed beside the
 * launcher, twice: as built (its archive of the CLI's classes) and pointed at the JDK's archive only.
 * Paired rounds, the order reversed every other round; medians, per-round ratios and the CPU time
 * (user plus system, every thread) of each whole process.
 */
final class ProcessBenchmark {
    private static final String LOOP = "JDBC loop, own JVM";
    private static final String CLI = "bin/migrations";
    private static final String BARE = "bare JVM opening one connection (JdbcLoop)";
    private static final String FLYWAY_FLOOR = "Flyway's floor: ToolProbe JVM opening one connection";
    private static final String FLYWAY = "Flyway (ToolProbe, fresh JVM)";
    private static final String IMAGE = "container image (unshare), its archive of the CLI's classes";
    private static final String IMAGE_JDK_ONLY = "container image, the JDK's archive only";

    private final ToolRunner runner;
    private final Report report;
    private final Path launcher;
    private final String loopClasspath;
    private final Optional<ImageContender> image;

    ProcessBenchmark(ToolRunner runner, Report report, Path launcher, Optional<ImageContender> image)
            throws URISyntaxException, ClassNotFoundException {
        this.runner = runner;
        this.report = report;
        this.launcher = launcher;
        this.image = image;
        this.loopClasspath =
                location(JdbcLoop.class) + File.pathSeparator + location(Class.forName("org.postgresql.Driver"));
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    /**
     * Applies the workload with the CLI (and the container image, when built) and the loop, each on a
     * new empty database, paired over the rounds.
     */
    void apply(Workload workload, int rounds) throws Exception {
        List<String> tools = new ArrayList<>(List.of(LOOP, CLI));
        image.ifPresent(i -> tools.addAll(List.of(IMAGE, IMAGE_JDK_ONLY)));
        Map<String, List<ToolRunner.Measured>> runs = alternate(tools, rounds, 1, tool -> {
            String db = runner.createDatabase();
            try {
                ToolRunner.Measured measured = runner.measure(
                        tool.equals(LOOP)
                                ? loop(db, workload.flywayDir())
                                : cli(tool, db, workload, "upgrade", "head"));
                runner.checkApplied(db, workload.revisions());
                return measured;
            } finally {
                runner.dropDatabase(db);
            }
        });
        table(runs, LOOP);
        for (String tool : tools.subList(1, tools.size())) {
            applySummary(tool, workload, runs.get(tool), runs.get(LOOP));
        }
    }

    private void applySummary(
            String tool, Workload workload, List<ToolRunner.Measured> runs, List<ToolRunner.Measured> loop) {
        double[] ratios = perRound(wall(runs), wall(loop));
        double[] interval = Samples.medianInterval90(ratios);
        String verdict = Samples.verdict(ratios.length, interval[1] <= 1.10, interval[0] > 1.10);
        report.summary(String.format(
                Locale.ROOT,
                "whole process, apply %d revisions, %s / JDBC loop in its own JVM: %.2fx per round"
                        + " (median; 90%% bootstrap interval %.2f..%.2f over %d rounds; goal at most 1.10x: %s);"
                        + " CPU %.0f ms against %.0f ms",
                workload.revisions(),
                tool,
                median(ratios),
                interval[0],
                interval[1],
                ratios.length,
                verdict,
                median(cpu(runs)),
                median(cpu(loop))));
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
            List<String> tools = new ArrayList<>(List.of(BARE, CLI));
            image.ifPresent(i -> tools.addAll(List.of(IMAGE, IMAGE_JDK_ONLY)));
            tools.addAll(List.of(FLYWAY_FLOOR, FLYWAY));
            Map<String, List<ToolRunner.Measured>> runs = alternate(
                    tools,
                    rounds,
                    1,
                    tool -> runner.measure(
                            switch (tool) {
                                case BARE -> loop(engineDb, null);
                                case FLYWAY_FLOOR -> probe(Tool.CONNECT, workload, flywayDb);
                                case FLYWAY -> probe(Tool.FLYWAY, workload, flywayDb);
                                default -> cli(tool, engineDb, workload, "upgrade", "head");
                            }));
            double flyway = median(overheads(runs.get(FLYWAY), runs.get(FLYWAY_FLOOR)));
            table(runs, BARE);
            for (String tool : tools.subList(1, tools.indexOf(FLYWAY_FLOOR))) {
                noOpSummary(tool, workload, runs.get(tool), runs.get(BARE), flyway);
            }
        } finally {
            runner.dropDatabase(engineDb);
            runner.dropDatabase(flywayDb);
        }
    }

    private void noOpSummary(
            String tool,
            Workload workload,
            List<ToolRunner.Measured> runs,
            List<ToolRunner.Measured> bare,
            double flyway) {
        double[] overhead = overheads(runs, bare);
        double[] interval = Samples.medianInterval90(overhead);
        String verdict = Samples.verdict(overhead.length, interval[1] <= 0.15 * flyway, interval[0] > 0.15 * flyway);
        report.summary(String.format(
                Locale.ROOT,
                "whole process, no-op upgrade head with %d applied: %s %.0f ms above a bare JVM"
                        + " connecting, Flyway %.0f ms above its floor: %.3f of Flyway's overhead (90%% interval"
                        + " %.3f..%.3f over %d rounds; goal at most 0.15: %s); CPU %.0f ms against the bare"
                        + " JVM's %.0f ms",
                workload.revisions(),
                tool,
                median(overhead),
                flyway,
                median(overhead) / flyway,
                interval[0] / flyway,
                interval[1] / flyway,
                overhead.length,
                verdict,
                median(cpu(runs)),
                median(cpu(bare))));
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

    /** {@code bin/migrations} or the container image's entrypoint with the connection and the workload's scripts. */
    private List<String> cli(String tool, String db, Workload workload, String... verb) throws IOException {
        PostgresServer server = runner.server();
        List<String> args = new ArrayList<>();
        args.add("--url=" + server.urlFor(db));
        if (tool.equals(CLI)) {
            args.add("--location=filesystem:" + workload.engineDir());
        } else {
            args.add("--location=filesystem:"
                    + image.orElseThrow().scripts(workload.engineDir(), "engine-" + workload.revisions()));
        }
        if (server.user() != null) {
            args.add("--user=" + server.user());
        }
        args.addAll(List.of(verb));
        if (tool.equals(CLI)) {
            List<String> command = new ArrayList<>(List.of(launcher.toString()));
            command.addAll(args);
            return command;
        }
        return image.orElseThrow().command(tool.equals(IMAGE), args);
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
