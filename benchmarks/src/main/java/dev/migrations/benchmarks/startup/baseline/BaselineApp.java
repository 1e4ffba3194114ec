package dev.migrations.benchmarks.startup.baseline;

import dev.migrations.benchmarks.startup.StartupProbe;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Variant A of {@code StartupBenchmark}: Spring Boot with JDBC (Hikari, a {@code JdbcTemplate} running
 * {@code SELECT 1}) and no migration tool; the benchmark excludes both tools' auto-configurations.
 */
@SpringBootApplication
@Import(StartupProbe.class)
public class BaselineApp {
    public static void main(String[] args) {
        StartupProbe.run(BaselineApp.class, args);
    }
}
