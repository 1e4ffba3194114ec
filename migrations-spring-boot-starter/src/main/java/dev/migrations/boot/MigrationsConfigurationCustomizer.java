package dev.migrations.boot;

import dev.migrations.MigrationsConfig;

/**
 * Adjusts the auto-configured engine's configuration after the {@code migrations.*} properties are
 * applied. Every customizer bean is called, in {@code @Order} order.
 */
@FunctionalInterface
public interface MigrationsConfigurationCustomizer {
    /** Changes the configuration before the engine loads its scripts. */
    void customize(MigrationsConfig.Builder configuration);
}
