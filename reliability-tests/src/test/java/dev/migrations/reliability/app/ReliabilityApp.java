package dev.migrations.reliability.app;

import dev.migrations.reliability.AwaitStart;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small application with the starter, started in its own JVM by the concurrency and security
 * tests: it migrates while its context refreshes, prints where its database stands, and exits.
 * With {@code -Dreliability.go=<file>} (and {@code -Dreliability.ready=<file>}, written on arrival) it waits for that file after the configuration is read and
 * before any bean (the migration among them) is created: the start barrier of the race.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class ReliabilityApp {

    /** Waits at the barrier before the beans are created. */
    @Bean
    static BeanFactoryPostProcessor reliabilityBarrier() {
        return beanFactory -> {
            String go = System.getProperty("reliability.go");
            if (go != null) {
                try {
                    java.nio.file.Files.writeString(
                            Path.of(System.getProperty("reliability.ready")),
                            Long.toString(ProcessHandle.current().pid()));
                    AwaitStart.awaitFile(Path.of(go));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** Starts, reports the version rows ({@code APP-AT [..]}) and exits with Spring Boot's exit code. */
    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(ReliabilityApp.class, args);
        List<String> rows = new JdbcTemplate(context.getBean(DataSource.class))
                .queryForList("SELECT version_num FROM alembic_version", String.class);
        System.out.println("APP-AT " + rows);
        System.exit(SpringApplication.exit(context));
    }
}
