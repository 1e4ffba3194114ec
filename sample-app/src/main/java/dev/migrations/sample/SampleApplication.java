package dev.migrations.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small orders service. The migrations starter upgrades its database (embedded H2 unless
 * {@code spring.datasource.url} says otherwise) to the scripts in {@code db/migrations} while the
 * application starts, before the web server accepts requests.
 */
@SpringBootApplication
public class SampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
