package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.check;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.Migrations;
import dev.migrations.RevisionInfo;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.FleetResult;
import dev.migrations.fleet.TenantLayout;
import dev.migrations.fleet.TenantOutcome;
import dev.migrations.fleet.TenantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The heap part of {@link FleetBenchmark}: whether a fleet's memory grows with its tenants. */
final class FleetHeap {
    /** The heap cap the status pass must fit in, with collections frequent enough to see the live set. */
    private static final List<String> HEAP_JVM = List.of("-XX:+UseSerialGC", "-Xmn8m", "-Xmx256m");

    private final PostgresServer server;
    private final ToolRunner runner;
    private final Report report;

    FleetHeap(PostgresServer server, ToolRunner runner, Report report) {
        this.server = server;
        this.runner = runner;
        this.report = report;
    }

    /**
     * A status pass over 1..max tenants stamped at head, each in a fresh JVM capped at 256 MB. The
     * tenants are made by a fleet {@code stamp} (schema, version tables and row; no revision's tables),
     * timed and reported too.
     */
    void run(Workload workload, List<Integer> counts, int parallelism) throws Exception {
        int largest = counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
        String db = runner.createDatabase();
        try {
            double stampMs;
            try (HikariDataSource pool = FleetContender.pool(
                    server.urlFor(db),
                    server.user(),
                    server.password(),
                    FleetContender.fleet(parallelism).poolSize())) {
                Migrations engine = Migrations.configure()
                        .locations("filesystem:" + workload.engineDir())
                        .load();
                long t0 = System.nanoTime();
                FleetResult stamped = Fleet.of(
                                engine,
                                TenantLayout.schemaPerTenant(pool),
                                TenantSource.of(FleetContender.tenants(largest)),
                                FleetOptions.defaults().parallelism(parallelism))
                        .stamp(engine.graph().heads().stream()
                                .map(RevisionInfo::id)
                                .toList());
                stampMs = (System.nanoTime() - t0) / 1e6;
                check(stamped.count(TenantOutcome.State.MIGRATED) == largest, "stamp: " + stamped.summary());
            }
            List<List<String>> rows = new ArrayList<>();
            for (int count : counts) {
                ToolRunner.Probe probe = runner.runProbe(
                        FleetProbe.class,
                        HEAP_JVM,
                        List.of(workload.root().toString()),
                        db,
                        List.of(Integer.toString(count), Integer.toString(parallelism)));
                rows.add(List.of(
                        String.format(Locale.ROOT, "%,d", count),
                        String.format(Locale.ROOT, "%.1f", probe.runMs() / 1000),
                        String.format(Locale.ROOT, "%.2f", probe.runMs() / count),
                        Report.num(probe.peakLive() / 1048576.0),
                        Report.num(probe.peakUsed() / 1048576.0),
                        "yes"));
                report.summary(String.format(
                        Locale.ROOT,
                        "fleet status pass over %,d tenants at head, Fleet p%d in a JVM with -Xmx256m: completed in"
                                + " %.1f s, peak live heap %.1f MiB (heap used incl. garbage %.1f MiB)",
                        count,
                        parallelism,
                        probe.runMs() / 1000,
                        probe.peakLive() / 1048576.0,
                        probe.peakUsed() / 1048576.0));
            }
            report.text(String.format(
                    Locale.ROOT,
                    "**Heap of a status pass** (`FleetProbe`, a fresh JVM with `%s`, Fleet p%d over a Hikari pool;"
                            + " %,d tenants made first by a fleet `stamp` at head, p%d, in %.1f s, %.2f ms per"
                            + " tenant; peak live heap as in the memory section, the collection at the end with"
                            + " the `FleetResult` still held):",
                    String.join(" ", HEAP_JVM),
                    parallelism,
                    largest,
                    parallelism,
                    stampMs / 1000,
                    stampMs / largest));
            report.table(
                    List.of(
                            "tenants",
                            "status pass s",
                            "ms per tenant",
                            "peak live heap MiB",
                            "peak heap used incl. garbage MiB",
                            "completed"),
                    rows);
        } finally {
            runner.dropDatabase(db);
        }
    }
}
