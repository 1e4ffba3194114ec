package dev.migrations.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A small orders service: a REST API and a scheduled worker that processes the orders. The
 * migrations starter upgrades its database (embedded H2 unless {@code spring.datasource.url} or the
 * {@code postgres} profile says otherwise) to the scripts in {@code db/migrations} while the
 * application starts, before the web server accepts requests and before the worker runs. Actuator
 * exposes {@code /actuator/health}, {@code /actuator/migrations} and {@code /actuator/prometheus}.
 */
@SpringBootApplication
@EnableScheduling
public class SampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
