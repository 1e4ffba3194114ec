package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
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
    void everyEngineClassItNamesExists() throws ClassNotFoundException {
        for (String name : MigrationsBackgroundPreinitializer.CLASSES) {
            if (name.startsWith("dev.migrations.")) {
                assertThat(Class.forName(name, false, getClass().getClassLoader()))
                        .as(name)
                        .isNotNull();
            }
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
}
