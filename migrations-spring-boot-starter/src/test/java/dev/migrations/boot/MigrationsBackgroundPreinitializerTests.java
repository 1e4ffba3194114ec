package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import dev.migrations.RevisionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

class MigrationsBackgroundPreinitializerTests {
    @TempDir
    Path dir;

    private final List<Runnable> started = new ArrayList<>();
    private final MigrationsBackgroundPreinitializer preinitializer =
            new MigrationsBackgroundPreinitializer(started::add);

    private ApplicationEnvironmentPreparedEvent event(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment);
    }

    @Test
    void isRegisteredForEveryApplication() {
        assertThat(SpringFactoriesLoader.loadFactories(
                        ApplicationListener.class, getClass().getClassLoader()))
                .hasAtLeastOneElementOfType(MigrationsBackgroundPreinitializer.class);
    }

    @Test
    void preloadsThePoolsAndDriversClassesOfTheLibrariesPresentOnly() throws Exception {
        List<String> requested = new ArrayList<>();
        // A class loader without H2: its group is skipped after its first class is not found.
        ClassLoader withoutH2 = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                requested.add(name);
                if (name.startsWith("org.h2.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };

        MigrationsBackgroundPreinitializer.preloadDriverClasses(withoutH2);

        List<String> listed = driverClassList();
        assertThat(requested)
                .contains("org.postgresql.core.v3.QueryExecutorImpl", "com.zaxxer.hikari.pool.HikariPool")
                .filteredOn(name -> name.startsWith("org.h2."))
                .containsExactly("org.h2.Driver");
        // The names match the versions of pgjdbc, H2 and HikariCP that the Spring Boot BOM pins.
        for (String name : listed) {
            assertThat(Class.forName(name, false, getClass().getClassLoader()))
                    .as(name)
                    .isNotNull();
        }
        assertThat(listed).hasSizeGreaterThan(500);
    }

    private static List<String> driverClassList() throws java.io.IOException {
        try (var in = MigrationsBackgroundPreinitializer.class.getResourceAsStream(
                MigrationsBackgroundPreinitializer.DRIVER_CLASSES)) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.startsWith("@") ? line.substring(1) : line)
                    .toList();
        }
    }

    @Test
    void startsOneWarmUpThatNeverFailsEvenOnAMissingLocation() {
        preinitializer.onApplicationEvent(
                event(Map.of("migrations.locations", "filesystem:" + dir.resolve("missing"))));

        assertThat(started).hasSize(1);
        assertThatCode(() -> started.get(0).run()).doesNotThrowAnyException();
    }

    @Test
    void staysOffWhenMigrationsAreDisabledOrSpringBootsSwitchSaysSo() {
        preinitializer.onApplicationEvent(event(Map.of("migrations.enabled", "false")));
        assertThat(started).isEmpty();

        System.setProperty(MigrationsBackgroundPreinitializer.IGNORE_PROPERTY, "true");
        try {
            preinitializer.onApplicationEvent(event(Map.of()));
        } finally {
            System.clearProperty(MigrationsBackgroundPreinitializer.IGNORE_PROPERTY);
        }
        assertThat(started).isEmpty();
    }

    @Test
    void handsItsListingOnceToTheEngineOfTheSameStart() throws IOException {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        writeRevision(scripts, "a1", null);
        writeRevision(scripts, "b2", "a1");
        ApplicationEnvironmentPreparedEvent event = listedInBackground(scripts);
        // Added after the background listing: an engine that took the listing does not see it.
        writeRevision(scripts, "c3", "b2");
        MigrationsConfig config = config(event, "filesystem:" + scripts);

        assertThat(event(Map.of()).getBootstrapContext().isRegistered(EarlyScriptListing.class))
                .as("another start's bootstrap context")
                .isFalse();
        EarlyScriptListing early = handedOver(event);
        assertThat(heads(MigrationsAutoConfiguration.MigrationsConfiguration.load(config, early)))
                .containsExactly("b2");
        assertThat(heads(MigrationsAutoConfiguration.MigrationsConfiguration.load(config, early)))
                .as("taken once: a second engine lists the scripts itself")
                .containsExactly("c3");
    }

    @Test
    void aRealStartHandsTheListingThroughTheBootstrapContextToTheEngine() throws IOException {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        writeRevision(scripts, "a1", null);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(H2Application.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.datasource.url=jdbc:h2:mem:handover;DB_CLOSE_DELAY=-1",
                        "migrations.locations=filesystem:" + scripts)
                .run()) {
            EarlyScriptListing early = context.getBean(EarlyScriptListing.BEAN_NAME, EarlyScriptListing.class);
            assertThat(early.take()).as("the engine's bean came for it").isNull();
            assertThat(heads(context.getBean(Migrations.class))).containsExactly("a1");
        }
    }

    /** The starter and an embedded H2 DataSource, as Spring Boot auto-configures them. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class H2Application {}

    @Test
    void aListingFinishedAfterTheEngineCameForItIsNotKept() throws IOException {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        writeRevision(scripts, "a1", null);
        ApplicationEnvironmentPreparedEvent event = event(Map.of("migrations.locations", "filesystem:" + scripts));
        preinitializer.onApplicationEvent(event);

        EarlyScriptListing early = handedOver(event);
        assertThat(early.take()).as("not listed yet").isNull();
        started.get(0).run();
        assertThat(early.take()).as("finished late: dropped").isNull();
    }

    @Test
    void aListingOfOtherLocationsIsLeftAndTheEngineListsItsOwn() throws IOException {
        Path scripts = Files.createDirectories(dir.resolve("scripts"));
        Path more = Files.createDirectories(dir.resolve("more"));
        writeRevision(scripts, "a1", null);
        writeRevision(more, "b2", "a1");
        ApplicationEnvironmentPreparedEvent event = listedInBackground(scripts);
        // A customizer added a location after the environment was prepared.
        MigrationsConfig config = config(event, "filesystem:" + scripts, "filesystem:" + more);

        assertThat(heads(MigrationsAutoConfiguration.MigrationsConfiguration.load(config, handedOver(event))))
                .containsExactly("b2");
        assertThatThrownBy(() -> Migrations.load(
                        config,
                        dev.migrations.Migrations.listScripts(List.of("filesystem:" + scripts), config.classLoader())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not of the locations");
    }

    /**
     * What the application context of the event's start holds once Spring Boot closes its bootstrap
     * context: the listing, registered as a singleton.
     */
    private static EarlyScriptListing handedOver(ApplicationEnvironmentPreparedEvent event) {
        GenericApplicationContext context = new GenericApplicationContext();
        ((DefaultBootstrapContext) event.getBootstrapContext()).close(context);
        return context.getBeanFactory().getBean(EarlyScriptListing.BEAN_NAME, EarlyScriptListing.class);
    }

    /** A start whose environment names {@code scripts}, its background work run to the end. */
    private ApplicationEnvironmentPreparedEvent listedInBackground(Path scripts) {
        ApplicationEnvironmentPreparedEvent event = event(Map.of("migrations.locations", "filesystem:" + scripts));
        preinitializer.onApplicationEvent(event);
        assertThat(started).hasSize(1);
        started.get(0).run();
        return event;
    }

    private static MigrationsConfig config(ApplicationEnvironmentPreparedEvent event, String... locations) {
        return Migrations.configure()
                .classLoader(event.getSpringApplication().getClassLoader())
                .locations(locations)
                .build();
    }

    private static List<String> heads(Migrations engine) {
        return engine.graph().heads().stream().map(RevisionInfo::id).toList();
    }

    private static void writeRevision(Path directory, String id, String revises) throws IOException {
        Files.writeString(
                directory.resolve(id + "_step.sql"),
                "-- step " + id + "\n--\n-- Revision ID: " + id + "\n"
                        + (revises == null ? "" : "-- Revises: " + revises + "\n")
                        + "\n-- migrate:upgrade\nSELECT 1;\n\n-- migrate:downgrade\nSELECT 1;\n");
    }
}
