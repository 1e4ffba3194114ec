package dev.migrations.benchmarks;

import dev.migrations.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures the revision graph on generated histories of 1k, 10k and 100k revisions with branches,
 * merges and cross-branch dependencies: loading and building the graph, {@code heads}, and the full
 * {@code upgrade base:heads --sql} plan and rendering. Prints the time per revision for each size,
 * so linear growth shows as a flat column (the 1k run is the reference).
 *
 * <p>Run: {@code mvn -q -pl benchmarks -am package -DskipTests && mvn -q -pl benchmarks exec:java}
 * (optional sizes as arguments: {@code -Dexec.args="1000 10000"}).
 */
public final class GraphBenchmark {
    private GraphBenchmark() {}

    public static void main(String[] args) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"1000", "10000", "100000"} : args) {
            sizes.add(Integer.parseInt(arg));
        }
        // Warm up the JIT on a mid-size graph so the first measured size is not penalised.
        measure(generate(5000), 3);
        System.out.printf(
                Locale.ROOT,
                "%9s %12s %12s %12s %12s %14s%n",
                "revisions",
                "load ms",
                "heads ms",
                "plan+sql ms",
                "total ms",
                "us/revision");
        double reference = 0;
        for (int n : sizes) {
            Path dir = generate(n);
            long[] t = measure(dir, 5);
            double perRevision = t[3] / (double) n;
            if (reference == 0) {
                reference = perRevision;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%9d %12.1f %12.1f %12.1f %12.1f %14.2f  (x%.2f of the %d-revision cost per revision)%n",
                    n,
                    t[0] / 1e3,
                    t[1] / 1e3,
                    t[2] / 1e3,
                    t[3] / 1e3,
                    perRevision,
                    perRevision / reference,
                    sizes.get(0));
        }
    }

    /** Median over runs of [load, heads, plan+render, total], in microseconds. */
    private static long[] measure(Path dir, int runs) {
        long[][] samples = new long[4][runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            Migrations m = Migrations.configure().locations(dir.toString()).load();
            long t1 = System.nanoTime();
            int heads = m.heads(false).size();
            long t2 = System.nanoTime();
            String sql = m.upgradeSql("heads");
            long t3 = System.nanoTime();
            if (heads == 0 || sql.isEmpty()) {
                throw new IllegalStateException("empty result");
            }
            samples[0][r] = (t1 - t0) / 1000;
            samples[1][r] = (t2 - t1) / 1000;
            samples[2][r] = (t3 - t2) / 1000;
            samples[3][r] = (t3 - t0) / 1000;
        }
        long[] medians = new long[4];
        for (int i = 0; i < 4; i++) {
            Arrays.sort(samples[i]);
            medians[i] = samples[i][runs / 2];
        }
        return medians;
    }

    /**
     * A history with a trunk, side branches that merge back every few dozen revisions, a second
     * root, and dependencies from the trunk on the second root's revisions.
     */
    public static Path generate(int n) {
        try {
            Path dir = Files.createTempDirectory("graph-bench-" + n);
            dir.toFile().deleteOnExit();
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
                file.toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
