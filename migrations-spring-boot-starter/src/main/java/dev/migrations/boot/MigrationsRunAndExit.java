package dev.migrations.boot;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code migrations.run-and-exit=true}: the application image as a one-shot migration job (a Kubernetes
 * Job, a pre-deploy step). The context starts without a web server and with every bean lazy but the
 * migration initializers, so it migrates as the starter always does (same properties, same refusals)
 * and creates nothing else: no port, no {@code @Scheduled} task, no data access. Then the process
 * exits: 0 when the start-up run succeeded; a failed run fails the start, which exits 1 with the
 * failure analysis.
 */
public final class MigrationsRunAndExit implements EnvironmentPostProcessor, Ordered {
    /** The property that asks for it. */
    public static final String PROPERTY = "migrations.run-and-exit";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!requested(environment)) {
            return;
        }
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "migrationsRunAndExit",
                        Map.of(
                                "spring.main.web-application-type", "none",
                                "spring.main.lazy-initialization", "true")));
    }

    /** After the configuration files are read, so the property may come from them. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static boolean requested(ConfigurableEnvironment environment) {
        return environment.getProperty(PROPERTY, Boolean.class, false);
    }

    /** Ends the process once the migration initializers have run (the context is ready). */
    public static final class ExitWhenReady implements ApplicationListener<ApplicationReadyEvent> {
        private static final Logger LOG = LoggerFactory.getLogger(ExitWhenReady.class);

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            if (!requested(event.getApplicationContext().getEnvironment())) {
                return;
            }
            LOG.info("Migrated ({}=true): exiting", PROPERTY);
            System.exit(SpringApplication.exit(event.getApplicationContext(), () -> 0));
        }
    }
}
