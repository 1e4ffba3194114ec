package dev.migrations.benchmarks.startup.flyway;

import dev.migrations.benchmarks.startup.StartupProbe;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Variant C of {@code StartupBenchmark}: the baseline plus Spring Boot's Flyway integration migrating
 * at start-up; the benchmark excludes the migrations starter's auto-configuration.
 */
@SpringBootApplication
@Import(StartupProbe.class)
public class FlywayApp {
    public static void main(String[] args) {
        StartupProbe.run(FlywayApp.class, args);
    }
}
