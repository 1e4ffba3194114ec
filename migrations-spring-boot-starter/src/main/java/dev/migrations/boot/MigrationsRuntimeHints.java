package dev.migrations.boot;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image of an application with the starter needs whatever its settings: the default
 * script location, the starter's own resource, and the model-source service file. The configured
 * locations and Java migration packages are added at build time by {@link MigrationsAotProcessor}.
 */
class MigrationsRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources()
                .registerPattern("db/migrations/**")
                .registerPattern("dev/migrations/boot/preinitialize-classes.txt")
                .registerPattern("META-INF/services/dev.migrations.spi.ModelSourceProvider");
    }
}
