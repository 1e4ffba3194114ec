package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.max;
import static dev.migrations.benchmarks.Samples.median;
import static dev.migrations.benchmarks.Samples.min;

import dev.migrations.Migrations;
import dev.migrations.RevisionInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Measures the revision graph on generated histories with branches, merges and cross-branch
 * dependencies: loading the scripts and building the graph, {@code heads}, the full plan (every
 * revision from the heads down to base, {@code downgrade base}'s plan), and {@code upgrade heads
 * --sql} (plan and rendering). Reports the median and spread over runs and the time per revision
 * against the smallest size, so linear growth shows as a flat column.
 *
 * <p>The method is the same for every size. The sizes are measured in a JVM of their own with a
 * fixed heap ({@value #HEAP}, G1), started by this class, so neither earlier benchmark sections nor
 * the heap's growth and shrinking weigh on one size more than another. The JIT is warmed up once,
 * {@value #WARM_UP_RUNS} runs over 5,000 revisions; each size's history is generated once, then
 * measured in one unrecorded run and {@value #RUNS} recorded runs. Each run, and its plan and its SQL
 * phase, starts with {@code System.gc()}, so that no phase pays for collecting the garbage of what ran
 * before it (with one JVM, a growing heap and no collection between runs, pauses of 100-300 ms set off
 * by earlier runs used to land in the 100k plan; with collections only between runs, a 16 ms young
 * collection set off by the load's garbage landed in the 10k plan, 6 ms of work measured as 20).
 * Collections caused by a phase's own allocation stay in its times; the table shows how long the
 * collector paused during a run's phases. Scripts are read lazily, so "load" is {@code
 * load()} and the first {@code heads} call (which reads and parses every script and builds the
 * graph), and "heads" is a second call on the built graph.
 *
 * <p>Run through {@link AllBenchmarks}, or alone: {@code java -cp ... dev.migrations.benchmarks.GraphBenchmark
 * [sizes...]} (default 1000 10000 100000).
 */
public final class GraphBenchmark {
    /** Recorded runs per size, after one unrecorded run. */
    static final int RUNS = 5;
    /** Runs over 5,000 revisions before the first size, for the JIT. */
    private static final int WARM_UP_RUNS = 10;
    /** The measuring JVM's heap, initial and maximum. */
    private static final String HEAP = "2g";
    /** First argument of the measuring JVM. */
    private static final String MEASURE = "--measure";
    /** How the measuring JVM prints table rows and the summary line to this one. */
    private static final String ROW = "graph-row\t";

    private static final String SUMMARY = "graph-summary\t";

    private GraphBenchmark() {}

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "logback-benchmarks.xml");
        boolean measure = args.length > 0 && args[0].equals(MEASURE);
        List<Integer> sizes = new ArrayList<>();
        for (int i = measure ? 1 : 0; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes.addAll(List.of(1000, 10_000, 100_000));
        }
        if (measure) {
            measureAll(sizes);
        } else {
            report(new Report(), sizes);
        }
    }

    /** Measures every size in a JVM of its own and adds the table to the report. */
    static void report(Report report, List<Integer> sizes) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + HEAP,
                "-Xmx" + HEAP,
                "-XX:+UseG1GC",
                "-cp",
                System.getProperty("java.class.path"),
                GraphBenchmark.class.getName(),
                MEASURE));
        for (int n : sizes) {
            command.add(String.valueOf(n));
        }
        List<List<String>> rows = new ArrayList<>();
        String summary = null;
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(ROW)) {
                        rows.add(List.of(line.substring(ROW.length()).split("\t")));
                    } else if (line.startsWith(SUMMARY)) {
                        summary = line.substring(SUMMARY.length());
                    } else {
                        System.out.println(line);
                    }
                }
            }
            if (process.waitFor() != 0 || rows.size() != sizes.size()) {
                throw new IllegalStateException("the graph benchmark's JVM failed: " + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (summary != null) {
            report.summary(summary);
        }
        report.text("Median (min–max) over " + RUNS + " runs per size after one unrecorded run, all sizes in"
                + " one JVM with a fixed " + HEAP + " heap (G1), each run and its plan and SQL phases"
                + " starting with `System.gc()`; collector pauses during the phases are in the GC column (see `GraphBenchmark`). Load is"
                + " `load()` plus the first `heads`, which reads and parses the scripts and builds the graph.");
        report.table(
                List.of(
                        "revisions",
                        "load + build graph, ms",
                        "heads, ms",
                        "full plan, ms",
                        "upgrade heads --sql, ms",
                        "GC pauses in a run, ms",
                        "heads + plan, us/revision",
                        "per revision vs " + sizes.get(0)),
                rows);
    }

    /** In the measuring JVM: measures every size, printing the rows and the summary line. */
    private static void measureAll(List<Integer> sizes) {
        // Warm up the JIT on a mid-size graph so the first measured size is not penalised.
        Path warm = generate(5000);
        measure(warm, WARM_UP_RUNS);
        delete(warm);
        List<Double> perRevision = new ArrayList<>();
        for (int n : sizes) {
            Path dir = generate(n);
            measure(dir, 1);
            Runs runs = measure(dir, RUNS);
            delete(dir);
            double[] graphWork = new double[RUNS];
            for (int r = 0; r < RUNS; r++) {
                graphWork[r] = (runs.heads[r] + runs.plan[r]) * 1000 / n;
            }
            double usPerRevision = median(graphWork);
            perRevision.add(usPerRevision);
            System.out.println(ROW
                    + String.join(
                            "\t",
                            String.valueOf(n),
                            Report.ms(runs.load),
                            Report.num(median(runs.heads)),
                            Report.ms(runs.plan),
                            Report.ms(runs.sql),
                            Report.num(median(runs.gc)),
                            String.format(
                                    Locale.ROOT, "%.2f (%.2f–%.2f)", usPerRevision, min(graphWork), max(graphWork)),
                            Report.ratio(usPerRevision / perRevision.get(0))));
        }
        int last = sizes.size() - 1;
        if (last > 0) {
            System.out.println(SUMMARY
                    + String.format(
                            Locale.ROOT,
                            "graph: heads + full plan cost %.2f us/revision at %d revisions and %.2f at %d: %.2fx"
                                    + " per revision for %dx the revisions (linear: about 1x)",
                            perRevision.get(last),
                            sizes.get(last),
                            perRevision.get(last - 1),
                            sizes.get(last - 1),
                            perRevision.get(last) / perRevision.get(last - 1),
                            sizes.get(last) / sizes.get(last - 1)));
        }
    }

    /** Milliseconds per recorded run: load, heads, full plan, plan + render, and collector pauses. */
    private static final class Runs {
        final double[] load;
        final double[] heads;
        final double[] plan;
        final double[] sql;
        final double[] gc;

        Runs(int count) {
            load = new double[count];
            heads = new double[count];
            plan = new double[count];
            sql = new double[count];
            gc = new double[count];
        }
    }

    private static Runs measure(Path dir, int count) {
        Runs runs = new Runs(count);
        for (int r = 0; r < count; r++) {
            System.gc();
            long gc0 = gcMillis();
            long t0 = System.nanoTime();
            Migrations m = Migrations.configure().locations(dir.toString()).load();
            m.graph().heads();
            long t1 = System.nanoTime();
            List<String> heads = new ArrayList<>();
            for (RevisionInfo head : m.graph().heads()) {
                heads.add(head.id());
            }
            long t2 = System.nanoTime();
            long gcLoad = gcMillis() - gc0;
            // Each phase starts on an empty young generation: a collection in it is its own allocation's.
            System.gc();
            long gc1 = gcMillis();
            long t2b = System.nanoTime();
            int planned = m.graph().downgradePlan("base", heads).size();
            long t3 = System.nanoTime();
            long gcPlan = gcMillis() - gc1;
            System.gc();
            long gc2 = gcMillis();
            long t3b = System.nanoTime();
            String sql = m.upgradeSql("heads");
            long t4 = System.nanoTime();
            runs.gc[r] = gcLoad + gcPlan + gcMillis() - gc2;
            if (heads.isEmpty()
                    || sql.isEmpty()
                    || planned != m.graph().revisions().size()) {
                throw new IllegalStateException("unexpected result: " + heads.size() + " heads, " + planned
                        + " planned of " + m.graph().revisions().size());
            }
            runs.load[r] = (t1 - t0) / 1e6;
            runs.heads[r] = (t2 - t1) / 1e6;
            runs.plan[r] = (t3 - t2b) / 1e6;
            runs.sql[r] = (t4 - t3b) / 1e6;
        }
        return runs;
    }

    /** Total collection time of all collectors so far (for G1, the young and mixed pauses). */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, bean.getCollectionTime());
        }
        return total;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A history with a trunk, side branches that merge back every few dozen revisions, a second
     * root, and dependencies from the trunk on the second root's revisions.
     */
    public static Path generate(int n) {
        try {
            Path dir = Files.createTempDirectory("graph-bench-" + n);
            Random random = new Random(42);
            String trunk = null;
            String side = null;
            String other = null;
            for (int i = 0; i < n; i++) {
                String id = String.format(Locale.ROOT, "r%011x", i);
                String revises;
                String depends = "";
                if (i == 1) {
                    revises = ""; // a second root
                    other = id;
                } else if (i % 97 == 0 && other != null) {
                    revises = other;
                    other = id;
                } else if (side == null && i % 31 == 0 && trunk != null) {
                    revises = trunk; // open a side branch from the trunk
                    side = id;
                } else if (side != null && random.nextInt(3) == 0) {
                    revises = side;
                    side = id;
                } else if (side != null && i % 29 == 0) {
                    revises = trunk + ", " + side; // merge the side branch back
                    trunk = id;
                    side = null;
                } else {
                    revises = trunk == null ? "" : trunk;
                    if (i % 211 == 0 && other != null) {
                        depends = other;
                    }
                    trunk = id;
                }
                String text = "-- revision " + i + "\n-- Revision ID: " + id + "\n-- Revises: " + revises
                        + "\n-- Depends On: " + depends + "\n\n-- migrate:upgrade\nCREATE TABLE t_" + id
                        + " (id int);\n\n-- migrate:downgrade\nDROP TABLE t_" + id + ";\n";
                Path file = dir.resolve(id + "_rev.sql");
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
