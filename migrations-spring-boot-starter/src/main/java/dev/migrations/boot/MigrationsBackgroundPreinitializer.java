package dev.migrations.boot;

import dev.migrations.script.ScriptListing;
import dev.migrations.script.ScriptLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Prepares the start-up migration on a background thread while Spring Boot builds the application
 * context, the way Spring Boot's own {@code BackgroundPreinitializer} warms its converters and
 * validators: loads the classes a start at the target uses and lists the revision scripts, so the
 * initializer's turn on the main thread finds the classes loaded and the engine's bean takes the
 * listing instead of making it (see {@link #takeListing}).
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

    /**
     * Classes a start at the target loads that the rest of a Spring Boot start does not: the engine's
     * read-only path (package-private, so named; the listing's classes load with the listing itself)
     * and Spring's binding validation; the pool's and drivers' classes are in {@link #DRIVER_CLASSES}.
     * A test checks that each engine class still exists.
     */
    static final List<String> CLASSES = List.of(
            "dev.migrations.runtime.OnlineRunner",
            "dev.migrations.runtime.ReadOnlyPath",
            "dev.migrations.runtime.VerificationRecord",
            "dev.migrations.runtime.JdbcSupport",
            "dev.migrations.runtime.Listeners",
            "dev.migrations.dialect.Dialect",
            "dev.migrations.dialect.PostgresDialect",
            "dev.migrations.dialect.H2Dialect",
            "dev.migrations.MigrationStatus",
            "dev.migrations.MigrationResult",
            "dev.migrations.MigrationsConfig",
            "org.springframework.boot.context.properties.bind.validation.ValidationBindHandler",
            "org.springframework.validation.BeanPropertyBindingResult",
            "org.springframework.validation.DefaultMessageCodesResolver");

    /** The pool's and drivers' classes, by library (see the file's header). */
    static final String DRIVER_CLASSES = "preinitialize-classes.txt";

    /**
     * Listings made for starts in progress, keyed by the start's Environment (compared by identity),
     * so two applications starting in one JVM never take each other's; weak, so a listing nobody took
     * goes with its start. {@link #TAKEN} marks a start whose engine came for its listing (taken, or
     * too early), so a listing finished after that is not kept for the application's life.
     */
    private static final Map<Environment, Object> LISTINGS = Collections.synchronizedMap(new WeakHashMap<>());

    private static final Object TAKEN = new Object();

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
        ClassLoader classLoader = event.getSpringApplication().getClassLoader();
        ClassLoader loader = classLoader != null ? classLoader : ClassUtils.getDefaultClassLoader();
        starter.accept(() -> preinitialize(environment, loader));
    }

    private static void preinitialize(ConfigurableEnvironment environment, ClassLoader loader) {
        for (Class<?> type : List.of(
                MigrationsProperties.class,
                MigrationsInitializer.class,
                MigrationsRunState.class,
                MigrationsAutoConfiguration.class)) {
            load(type.getName(), loader);
        }
        for (String name : CLASSES) {
            load(name, loader);
        }
        preloadDriverClasses(loader);
        try {
            List<String> locations = Binder.get(environment)
                    .bind("migrations.locations", Bindable.listOf(String.class))
                    .orElseGet(() -> new MigrationsProperties().getLocations());
            LISTINGS.putIfAbsent(environment, ScriptLoader.list(locations, loader));
        } catch (RuntimeException e) {
            // Only a head start: the engine lists the scripts itself and reports any real problem.
            LOG.debug("Background listing of the revision scripts skipped: {}", e.toString());
        }
    }

    /**
     * The script listing this start's background thread made, once: null when it is not done yet
     * (it is then dropped when done: this start has listed the scripts itself),
     * failed, or was taken already.
     */
    static @Nullable ScriptListing takeListing(Environment environment) {
        return LISTINGS.put(environment, TAKEN) instanceof ScriptListing listing ? listing : null;
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

    private static void load(String name, ClassLoader loader) {
        load(name, loader, true);
    }

    private static void load(String name, ClassLoader loader, boolean initialize) {
        try {
            Class.forName(name, initialize, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.trace("Not preloaded: {} ({})", name, e.toString());
        }
    }
}
