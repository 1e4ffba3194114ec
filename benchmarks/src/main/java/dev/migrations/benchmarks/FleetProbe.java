package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.check;

import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.Migrations;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.FleetResult;
import dev.migrations.fleet.TenantLayout;
import dev.migrations.fleet.TenantOutcome;
import dev.migrations.fleet.TenantSource;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * A fleet's {@code status head} over the first N tenants of a database, in a fresh JVM (started by
 * {@link FleetBenchmark} with a capped heap) that reports its peak heap as {@link ToolProbe} does:
 * {@code java -cp ... FleetProbe <workload root> <jdbc url> <user or -> <tenants> <parallelism>};
 * the password, if any, comes in {@code MIGRATIONS_BENCH_PASSWORD}. Fails unless every tenant is at
 * head.
 */
public final class FleetProbe {
    private FleetProbe() {}

    public static void main(String[] args) throws Exception {
        LoggerFactory.getLogger(FleetProbe.class).debug("fleet probe");
        Workload workload = Workload.read(Path.of(args[0]));
        String user = args[2].equals("-") ? null : args[2];
        int tenants = Integer.parseInt(args[3]);
        int parallelism = Integer.parseInt(args[4]);
        AtomicLong peakLive = new AtomicLong();
        ToolProbe.listenToCollections(peakLive);
        long t0 = System.nanoTime();
        FleetResult result;
        try (HikariDataSource pool = FleetContender.pool(
                args[1],
                user,
                System.getenv("MIGRATIONS_BENCH_PASSWORD"),
                FleetContender.fleet(parallelism).poolSize())) {
            Migrations engine = Migrations.configure()
                    .locations("filesystem:" + workload.engineDir())
                    .load();
            result = Fleet.of(
                            engine,
                            TenantLayout.schemaPerTenant(pool),
                            TenantSource.of(FleetContender.tenants(tenants)),
                            FleetOptions.defaults().parallelism(parallelism))
                    .status("head");
        }
        long nanos = System.nanoTime() - t0;
        try {
            check(result.count(TenantOutcome.State.AT_TARGET) == tenants, "status: " + result.summary());
            ToolProbe.printResult(nanos, peakLive);
        } finally {
            // The result (an outcome per tenant) is what a caller keeps: the forced collection counts it.
            Reference.reachabilityFence(result);
        }
    }
}
