package dev.migrations.sample;

import dev.migrations.Migrations;
import dev.migrations.RevisionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small service that uses the migrations engine. For now it reports the revisions it ships; the
 * starter that upgrades its DataSource at start-up arrives in a later release (see the README).
 */
@SpringBootApplication
public class SampleApplication {
    private static final Logger LOG = LoggerFactory.getLogger(SampleApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }

    @Bean
    ApplicationRunner reportRevisions() {
        return args -> {
            Migrations migrations = Migrations.configure()
                    .locations("classpath:db/migrations")
                    .dialect("h2")
                    .load();
            for (RevisionInfo head : migrations.heads(false)) {
                LOG.info("Revision head {}: {}", head.id(), head.message());
            }
            LOG.info("Offline upgrade script for an empty H2 database:\n{}", migrations.upgradeSql("head"));
        };
    }
}
