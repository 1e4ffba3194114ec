package dev.migrations.benchmarks.startup.migrations;

import dev.migrations.benchmarks.startup.StartupProbe;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Variant B of {@code StartupBenchmark}: the baseline plus {@code migrations-spring-boot-starter}
 * upgrading to {@code head} at start-up; the benchmark excludes Flyway's auto-configuration.
 */
@SpringBootApplication
@Import(StartupProbe.class)
public class MigrationsApp {
    public static void main(String[] args) {
        StartupProbe.run(MigrationsApp.class, args);
    }
}
