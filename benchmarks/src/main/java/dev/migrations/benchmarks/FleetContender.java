package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.check;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrations.Migrations;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.FleetResult;
import dev.migrations.fleet.TenantLayout;
import dev.migrations.fleet.TenantOutcome;
import dev.migrations.fleet.TenantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One way of bringing every tenant schema of a database to head, as a user writes it: a loop
 * running Flyway once per schema, or this engine's {@link Fleet} with a parallelism (1 is the
 * engine's own sequential loop). Each runs over a HikariCP pool, what a Spring Boot application
 * has; the same call does the apply from empty and the no-op pass at head.
 *
 * @param parallelism the fleet's parallelism, or 0 for the Flyway loop
 */
record FleetContender(int parallelism) {

    /** A loop over the tenants, a {@code Flyway.configure()...migrate()} per schema. */
    static FleetContender flywayLoop() {
        return new FleetContender(0);
    }

    static FleetContender fleet(int parallelism) {
        return new FleetContender(parallelism);
    }

    boolean isFlyway() {
        return parallelism == 0;
    }

    String label() {
        return isFlyway()
                ? "Flyway loop (one Flyway per schema, sequential)"
                : parallelism == 1
                        ? "migrations: Fleet, parallelism 1 (the engine's sequential loop)"
                        : "migrations: Fleet, parallelism " + parallelism;
    }

    /**
     * Hikari's default of 10, or two connections per concurrent tenant where that is more: an engine's
     * run holds the migration lock on a connection of its own beside the one it works on.
     */
    int poolSize() {
        return Math.max(10, 2 * parallelism);
    }

    /**
     * Brings every tenant to head; returns the revisions applied over all tenants (0 on a no-op pass).
     *
     * @throws IllegalStateException when a tenant failed
     */
    int run(Workload workload, DataSource pool, List<String> tenants) {
        if (isFlyway()) {
            int applied = 0;
            for (String tenant : tenants) {
                applied += Flyway.configure()
                        .dataSource(pool)
                        .schemas(tenant)
                        .locations("filesystem:" + workload.flywayDir())
                        .load()
                        .migrate()
                        .migrationsExecuted;
            }
            return applied;
        }
        Migrations engine = Migrations.configure()
                .locations("filesystem:" + workload.engineDir())
                .load();
        FleetResult result = Fleet.of(
                        engine,
                        TenantLayout.schemaPerTenant(pool),
                        TenantSource.of(tenants),
                        FleetOptions.defaults().parallelism(parallelism))
                .upgrade("head");
        check(
                result.failed().isEmpty(),
                result.summary() + "; first failure: "
                        + (result.failed().isEmpty()
                                ? ""
                                : result.failed().get(0).error()));
        return result.tenants().stream().mapToInt(TenantOutcome::scriptsRun).sum();
    }

    /**
     * A started pool of {@code size} connections to the URL, filled before it is returned, so no run
     * pays for another's connections or times the pool's own start.
     */
    static HikariDataSource pool(String url, String user, String password, int size) throws InterruptedException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setPoolName("bench-fleet");
        HikariDataSource pool = new HikariDataSource(config);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (pool.getHikariPoolMXBean().getTotalConnections() < size && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return pool;
    }

    /** The tenants' names, {@code t00001} upwards: plain identifiers, in the order they run. */
    static List<String> tenants(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(String.format(Locale.ROOT, "t%05d", i));
        }
        return names;
    }
}
