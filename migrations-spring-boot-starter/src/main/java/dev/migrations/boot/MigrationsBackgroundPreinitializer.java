package dev.migrations.boot;

import dev.migrations.Migrations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.bootstrap.BootstrapRegistry;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Prepares the start-up migration on a background thread while Spring Boot builds the application
 * context, the way Spring Boot's own {@code BackgroundPreinitializer} warms its converters and
 * validators: loads the connection pool's and driver's classes and lists the revision scripts. The
 * listing travels through Spring Boot's bootstrap context into the application context as an {@link
 * EarlyScriptListing}, which the engine's bean takes instead of listing the scripts on the main thread.
 *
 * <p>Nothing it does is needed for correctness: when the listing is not ready when the engine's
 * bean is made, or is of other locations (a customizer changed them), the engine lists the scripts
 * itself, and anything this thread fails at is ignored. Off with {@code migrations.enabled=false},
 * on a single CPU, and with Spring Boot's switch {@code -Dspring.backgroundpreinitializer.ignore=true}.
 */
public final class MigrationsBackgroundPreinitializer
        implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationsBackgroundPreinitializer.class);

    /** Spring Boot's switch for its background pre-initialization; honoured here too. */
    static final String IGNORE_PROPERTY = "spring.backgroundpreinitializer.ignore";

    /** The pool's and drivers' classes, by library (see the file's header). */
    static final String DRIVER_CLASSES = "preinitialize-classes.txt";

    private final Consumer<Runnable> starter;

    /** Spring Boot creates it from {@code spring.factories}: each start runs on a daemon thread of its own. */
    public MigrationsBackgroundPreinitializer() {
        this(work -> {
            Thread thread = new Thread(work, "migrations-preinitializer");
            thread.setDaemon(true);
            thread.start();
        });
    }

    MigrationsBackgroundPreinitializer(Consumer<Runnable> starter) {
        this.starter = starter;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (Boolean.getBoolean(IGNORE_PROPERTY)
                || Runtime.getRuntime().availableProcessors() <= 1
                || !environment.getProperty("migrations.enabled", Boolean.class, true)) {
            return;
        }
        ConfigurableBootstrapContext bootstrap = event.getBootstrapContext();
        if (bootstrap.isRegistered(EarlyScriptListing.class)) {
            return;
        }
        EarlyScriptListing early = new EarlyScriptListing();
        bootstrap.register(EarlyScriptListing.class, BootstrapRegistry.InstanceSupplier.of(early));
        // Spring Boot's own hand-over from the bootstrap phase to the application context.
        bootstrap.addCloseListener(closed ->
                closed.getApplicationContext().getBeanFactory().registerSingleton(EarlyScriptListing.BEAN_NAME, early));
        ClassLoader classLoader = event.getSpringApplication().getClassLoader();
        ClassLoader loader = classLoader != null ? classLoader : ClassUtils.getDefaultClassLoader();
        starter.accept(() -> preinitialize(environment, loader, early));
    }

    private static void preinitialize(
            ConfigurableEnvironment environment, ClassLoader loader, EarlyScriptListing early) {
        preloadDriverClasses(loader);
        try {
            List<String> locations = Binder.get(environment)
                    .bind("migrations.locations", Bindable.listOf(String.class))
                    .orElseGet(() -> new MigrationsProperties().getLocations());
            early.complete(Migrations.listScripts(locations, loader));
        } catch (RuntimeException e) {
            // Only a head start: the engine lists the scripts itself and reports any real problem.
            LOG.debug("Background listing of the revision scripts skipped: {}", e.toString());
        }
    }

    /**
     * Loads the groups of {@value #DRIVER_CLASSES} whose first class is present: what a first
     * connection through the pool and driver in use loads. On a Spring Boot start the initializer's
     * connection is the application's first, so without this it loads them on the main thread.
     */
    static void preloadDriverClasses(ClassLoader loader) {
        InputStream in = MigrationsBackgroundPreinitializer.class.getResourceAsStream(DRIVER_CLASSES);
        if (in == null) {
            return;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            boolean present = false;
            String line;
            while ((line = lines.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("@")) {
                    present = ClassUtils.isPresent(line.substring(1), loader);
                } else if (present) {
                    // Loaded and linked, not initialized: a static initializer run on this thread could
                    // fail in ways that would leave the class unusable for the application.
                    load(line, loader, false);
                }
            }
        } catch (IOException e) {
            LOG.debug("Driver classes not preloaded: {}", e.toString());
        }
    }

    private static void load(String name, ClassLoader loader, boolean initialize) {
        try {
            Class.forName(name, initialize, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.trace("Not preloaded: {} ({})", name, e.toString());
        }
    }
}
