package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.check;
import static dev.migrations.benchmarks.Samples.max;
import static dev.migrations.benchmarks.Samples.median;
import static dev.migrations.benchmarks.Samples.min;
import static dev.migrations.benchmarks.Samples.perRound;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.ToDoubleFunction;

/**
 * Schema-per-tenant at scale: N tenant schemas brought from empty to head (20 revisions, each a
 * table with an index and a row), then the no-op pass over the same fleet at head, by a loop running
 * Flyway once per schema, by this engine's {@link Fleet} at parallelism 1 (its sequential loop) and
 * at higher parallelisms; each on a new database, alternating the order over the rounds; times as
 * ratios to the Flyway loop of the same round, with the CPU of this JVM and of the PostgreSQL
 * backends beside them. Then the heap of a {@code status} pass over many tenants ({@link FleetHeap}).
 */
final class FleetBenchmark {
    /** Revisions per tenant. */
    static final int REVISIONS = 20;

    private final PostgresServer server;
    private final ToolRunner runner;
    private final Report report;
    private final CpuMeter cpu;

    FleetBenchmark(PostgresServer server, ToolRunner runner, Report report) {
        this.server = server;
        this.runner = runner;
        this.report = report;
        this.cpu = new CpuMeter(server);
    }

    /** One timed pass: wall clock and the CPU both sides used meanwhile. */
    private record Pass(double ms, CpuMeter.Used cpu) {}

    /**
     * Runs the section.
     *
     * @param tenants the fleet's size
     * @param rounds recorded rounds, after one unrecorded round of a few tenants that warms the JIT
     * @param parallelisms the fleet's parallelisms above 1
     * @param heapTenants the fleet sizes of the status pass in a capped heap
     */
    void run(int tenants, int rounds, List<Integer> parallelisms, List<Integer> heapTenants) throws Exception {
        Workload workload = Workload.generate(REVISIONS);
        try {
            List<FleetContender> contenders = new ArrayList<>(List.of(FleetContender.flywayLoop()));
            contenders.add(FleetContender.fleet(1));
            for (int p : parallelisms) {
                contenders.add(FleetContender.fleet(p));
            }
            Map<FleetContender, List<Pass>> apply = new LinkedHashMap<>();
            Map<FleetContender, List<Pass>> noOp = new LinkedHashMap<>();
            List<String> loads = new ArrayList<>();
            for (int r = -1; r < rounds; r++) {
                int size = r < 0 ? Math.min(tenants, 10) : tenants;
                List<FleetContender> order = new ArrayList<>(contenders);
                if (Math.floorMod(r, 2) == 1) {
                    Collections.reverse(order);
                }
                String load = AllBenchmarks.loadAverage();
                StringBuilder line = new StringBuilder(
                        String.format(Locale.ROOT, "  fleet %d tenants, round %d (load %s):", size, r + 1, load));
                for (FleetContender contender : order) {
                    Pass[] passes = both(contender, workload, size);
                    line.append(String.format(
                            Locale.ROOT, " %s %.0f/%.0f ms", name(contender), passes[0].ms(), passes[1].ms()));
                    if (r >= 0) {
                        apply.computeIfAbsent(contender, c -> new ArrayList<>()).add(passes[0]);
                        noOp.computeIfAbsent(contender, c -> new ArrayList<>()).add(passes[1]);
                    }
                }
                if (r >= 0) {
                    loads.add(load);
                }
                System.out.println(line);
            }
            report.text(String.format(
                    Locale.ROOT,
                    "%d tenant schemas x %d revisions, %d rounds after one unrecorded round of %d tenants; each"
                            + " contender on a new database per round, in this order and in reverse every other"
                            + " round; load average (1, 5, 15 min) at the start of each round: %s. The server"
                            + " runs with %s, so each revision's commit waits for its WAL flush.",
                    tenants,
                    REVISIONS,
                    rounds,
                    Math.min(tenants, 10),
                    String.join("; ", loads),
                    durability()));
            FleetContender best = fastest(apply);
            report.text("**Apply from empty** (ratios: this contender's time over the Flyway loop's in the same"
                    + " round; CPU per tenant-revision, medians):");
            report.table(header("us per tenant-revision"), rows(apply, tenants, REVISIONS));
            report.text("**No-op pass at head** (the same call again; CPU per tenant):");
            report.table(header("us per tenant"), rows(noOp, tenants, 1));
            summarize(apply, noOp, best, tenants);
            new FleetHeap(server, runner, report).run(workload, heapTenants, best.parallelism());
        } finally {
            workload.delete();
        }
    }

    /**
     * The settings that decide whether a commit waits for the disk: where it does, tenants running at
     * once overlap their waits, and a parallelism above the CPUs can still pay.
     */
    private String durability() throws SQLException {
        try (var connection = server.connect(null);
                var st = connection.createStatement();
                var rs = st.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
            rs.next();
            return "`fsync=" + rs.getString(1) + "`, `synchronous_commit=" + rs.getString(2) + "`";
        }
    }

    private static String name(FleetContender contender) {
        return contender.isFlyway() ? "flyway" : "p" + contender.parallelism();
    }

    /** The apply and then the no-op pass of one contender, on a new database dropped after. */
    private Pass[] both(FleetContender contender, Workload workload, int size) throws Exception {
        String db = runner.createDatabase();
        try (HikariDataSource pool =
                FleetContender.pool(server.urlFor(db), server.user(), server.password(), contender.poolSize())) {
            List<String> tenants = FleetContender.tenants(size);
            Pass apply = timed(contender, workload, pool, tenants, db, size * REVISIONS);
            checkApplied(db, size);
            Pass noOp = timed(contender, workload, pool, tenants, db, 0);
            return new Pass[] {apply, noOp};
        } finally {
            runner.dropDatabase(db);
        }
    }

    private Pass timed(
            FleetContender contender,
            Workload workload,
            HikariDataSource pool,
            List<String> tenants,
            String db,
            int expected)
            throws SQLException {
        // No contender pays for collecting the garbage of the one before it.
        System.gc();
        CpuMeter.Sample before = cpu.sample(db);
        long t0 = System.nanoTime();
        int applied = contender.run(workload, pool, tenants);
        double ms = (System.nanoTime() - t0) / 1e6;
        CpuMeter.Used used = cpu.since(before, db);
        check(applied == expected, contender.label() + " applied " + applied + " revisions, not " + expected);
        return new Pass(ms, used);
    }

    /** Every tenant has the workload's tables in its own schema, and none landed in {@code public}. */
    private void checkApplied(String db, int tenants) throws SQLException {
        try (var connection = server.connect(db);
                var st = connection.createStatement();
                var rs = st.executeQuery("SELECT count(*), count(*) FILTER (WHERE schemaname = 'public'),"
                        + " count(DISTINCT schemaname) FROM pg_tables WHERE tablename LIKE 'bench\\_r%'")) {
            check(
                    rs.next() && rs.getInt(1) == tenants * REVISIONS && rs.getInt(2) == 0 && rs.getInt(3) == tenants,
                    "expected " + REVISIONS + " tables in each of " + tenants + " schemas of " + db);
        }
    }

    /** The fleet with the lowest median apply time. */
    private static FleetContender fastest(Map<FleetContender, List<Pass>> apply) {
        FleetContender best = null;
        for (FleetContender contender : apply.keySet()) {
            if (!contender.isFlyway()
                    && (best == null || median(times(apply.get(contender))) < median(times(apply.get(best))))) {
                best = contender;
            }
        }
        return best;
    }

    private static List<String> header(String per) {
        return List.of(
                "contender",
                "pool",
                "s, median (min–max)",
                "ms per tenant",
                "time / Flyway loop's, per round, median (min–max)",
                "faster than the Flyway loop",
                "this JVM's CPU, " + per,
                "PostgreSQL backends' CPU, " + per);
    }

    /** A row per contender; CPU per {@code perTenant}th of a tenant (a revision, or the tenant whole). */
    private static List<List<String>> rows(Map<FleetContender, List<Pass>> passes, int tenants, int perTenant) {
        double[] flyway = times(passes.get(FleetContender.flywayLoop()));
        double units = (double) tenants * perTenant;
        List<List<String>> rows = new ArrayList<>();
        for (var entry : passes.entrySet()) {
            double[] ms = times(entry.getValue());
            double[] ratios = perRound(ms, flyway);
            rows.add(List.of(
                    entry.getKey().label(),
                    Integer.toString(entry.getKey().poolSize()),
                    String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", median(ms) / 1000, min(ms) / 1000, max(ms) / 1000),
                    String.format(Locale.ROOT, "%.2f", median(ms) / tenants),
                    String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", median(ratios), min(ratios), max(ratios)),
                    Report.ratio(1 / median(ratios)),
                    String.format(Locale.ROOT, "%.0f", median(cpu(entry.getValue(), u -> u.jvmMs())) * 1000 / units),
                    String.format(
                            Locale.ROOT, "%.0f", median(cpu(entry.getValue(), u -> u.postgresMs())) * 1000 / units)));
        }
        return rows;
    }

    private void summarize(
            Map<FleetContender, List<Pass>> apply, Map<FleetContender, List<Pass>> noOp, FleetContender best, int n) {
        double[] flywayApply = times(apply.get(FleetContender.flywayLoop()));
        double[] speedUps = inverse(perRound(times(apply.get(best)), flywayApply));
        StringBuilder others = new StringBuilder();
        for (FleetContender contender : apply.keySet()) {
            if (!contender.isFlyway()) {
                others.append(String.format(
                        Locale.ROOT,
                        "%s p%d %.2fx",
                        others.length() == 0 ? "" : ",",
                        contender.parallelism(),
                        median(inverse(perRound(times(apply.get(contender)), flywayApply)))));
            }
        }
        report.summary(String.format(
                Locale.ROOT,
                "fleet apply, %d tenant schemas x %d revisions from empty: the Flyway loop %.1f s; how many times"
                        + " faster than it per round (median):%s; best Fleet p%d %.2fx (min %.2f, max %.2f; goal at"
                        + " least 3x: %s)",
                n,
                REVISIONS,
                median(flywayApply) / 1000,
                others,
                best.parallelism(),
                median(speedUps),
                min(speedUps),
                max(speedUps),
                verdict(speedUps, s -> s >= 3)));
        double[] noOpRatios = perRound(times(noOp.get(best)), times(noOp.get(FleetContender.flywayLoop())));
        double[] sequentialNoOp =
                perRound(times(noOp.get(FleetContender.fleet(1))), times(noOp.get(FleetContender.flywayLoop())));
        report.summary(String.format(
                Locale.ROOT,
                "fleet no-op pass at head, %d tenants: Fleet p%d %.0f ms against the Flyway loop's %.0f ms: %.3f of"
                        + " its time per round (median; min %.3f, max %.3f; goal at most 0.1: %s); Fleet p1 %.3f",
                n,
                best.parallelism(),
                median(times(noOp.get(best))),
                median(times(noOp.get(FleetContender.flywayLoop()))),
                median(noOpRatios),
                min(noOpRatios),
                max(noOpRatios),
                verdict(noOpRatios, r -> r <= 0.1),
                median(sequentialNoOp)));
        report.summary(String.format(
                Locale.ROOT,
                "fleet CPU per tenant-revision in the apply (median): Fleet p%d this JVM %.0f us beside the"
                        + " PostgreSQL backends' %.0f us; Fleet p1 %.0f / %.0f us; Flyway loop %.0f / %.0f us",
                best.parallelism(),
                cpuPer(apply.get(best), true, n),
                cpuPer(apply.get(best), false, n),
                cpuPer(apply.get(FleetContender.fleet(1)), true, n),
                cpuPer(apply.get(FleetContender.fleet(1)), false, n),
                cpuPer(apply.get(FleetContender.flywayLoop()), true, n),
                cpuPer(apply.get(FleetContender.flywayLoop()), false, n)));
    }

    private static double cpuPer(List<Pass> passes, boolean jvm, int tenants) {
        return median(cpu(passes, u -> jvm ? u.jvmMs() : u.postgresMs())) * 1000 / tenants / REVISIONS;
    }

    /** Met in every round, in none, or in some (too few rounds for an interval to mean much). */
    private static String verdict(double[] perRound, DoublePredicate within) {
        long met = Arrays.stream(perRound).filter(within).count();
        return met == perRound.length
                ? "met in all " + met + " rounds"
                : met == 0
                        ? "NOT met in any of " + perRound.length + " rounds"
                        : "met in " + met + " of " + perRound.length + " rounds";
    }

    private static double[] times(List<Pass> passes) {
        return passes.stream().mapToDouble(Pass::ms).toArray();
    }

    private static double[] cpu(List<Pass> passes, ToDoubleFunction<CpuMeter.Used> part) {
        return passes.stream().mapToDouble(p -> part.applyAsDouble(p.cpu())).toArray();
    }

    private static double[] inverse(double[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = 1 / values[i];
        }
        return result;
    }
}
