package dev.migrations.benchmarks;

import dev.migrations.Migrations;
import dev.migrations.RevisionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Measures the revision graph on generated histories with branches, merges and cross-branch
 * dependencies: loading the scripts and building the graph, {@code heads}, the full plan (every
 * revision from the heads down to base, {@code downgrade base}'s plan), and {@code upgrade heads
 * --sql} (plan and rendering). Reports the median over runs and the time per revision against the
 * smallest size, so linear growth shows as a flat column.
 *
 * <p>Run through {@link AllBenchmarks}, or alone: {@code java -cp ... dev.migrations.benchmarks.GraphBenchmark
 * [sizes...]} (default 1000 10000 100000).
 */
public final class GraphBenchmark {
    private GraphBenchmark() {}

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", "logback-benchmarks.xml");
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"1000", "10000", "100000"} : args) {
            sizes.add(Integer.parseInt(arg));
        }
        report(new Report(), sizes);
    }

    /** Measures every size and adds the table to the report. */
    static void report(Report report, List<Integer> sizes) {
        // Warm up the JIT on a mid-size graph so the first measured size is not penalised.
        Path warm = generate(5000);
        measure(warm, 3);
        delete(warm);
        List<List<String>> rows = new ArrayList<>();
        double reference = 0;
        for (int n : sizes) {
            Path dir = generate(n);
            long[] t = measure(dir, n >= 100_000 ? 3 : 5);
            delete(dir);
            double graphWork = t[1] + t[2];
            if (reference == 0) {
                reference = graphWork / n;
            }
            rows.add(List.of(
                    String.valueOf(n),
                    ms(t[0]),
                    ms(t[1]),
                    ms(t[2]),
                    ms(t[3]),
                    String.format(Locale.ROOT, "%.2f", graphWork / n),
                    String.format(Locale.ROOT, "%.2fx", graphWork / n / reference)));
        }
        int last = rows.size() - 1;
        if (last > 0) {
            report.summary(String.format(
                    Locale.ROOT,
                    "graph: heads + full plan cost %s us/revision at %s revisions and %s at %s: %.2fx per revision for"
                            + " %dx the revisions (linear: about 1x)",
                    rows.get(last).get(5),
                    rows.get(last).get(0),
                    rows.get(last - 1).get(5),
                    rows.get(last - 1).get(0),
                    Double.parseDouble(rows.get(last).get(5))
                            / Double.parseDouble(rows.get(last - 1).get(5)),
                    sizes.get(last) / sizes.get(last - 1)));
        }
        report.table(
                List.of(
                        "revisions",
                        "load + build graph, ms",
                        "heads, ms",
                        "full plan, ms",
                        "upgrade heads --sql, ms",
                        "heads + plan, us/revision",
                        "per revision vs " + sizes.get(0)),
                rows);
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1e3);
    }

    /** Median over runs of [load, heads, full plan, plan + render], in microseconds. */
    private static long[] measure(Path dir, int runs) {
        long[][] samples = new long[4][runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            Migrations m = Migrations.configure().locations(dir.toString()).load();
            long t1 = System.nanoTime();
            List<String> heads = new ArrayList<>();
            for (RevisionInfo head : m.heads(false)) {
                heads.add(head.id());
            }
            long t2 = System.nanoTime();
            int planned = m.downgradePlan("base", heads).size();
            long t3 = System.nanoTime();
            String sql = m.upgradeSql("heads");
            long t4 = System.nanoTime();
            if (heads.isEmpty() || sql.isEmpty() || planned != m.revisions().size()) {
                throw new IllegalStateException("unexpected result: " + heads.size() + " heads, " + planned
                        + " planned of " + m.revisions().size());
            }
            samples[0][r] = (t1 - t0) / 1000;
            samples[1][r] = (t2 - t1) / 1000;
            samples[2][r] = (t3 - t2) / 1000;
            samples[3][r] = (t4 - t3) / 1000;
        }
        long[] medians = new long[4];
        for (int i = 0; i < 4; i++) {
            Arrays.sort(samples[i]);
            medians[i] = samples[i][runs / 2];
        }
        return medians;
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
