package dev.migrations.internal.command;

import dev.migrations.MigrationsConfig;
import dev.migrations.internal.script.JavaMigrations;
import dev.migrations.internal.script.RevisionScript;
import java.util.List;

/** The configured Java migrations, loaded after the SQL scripts in load order. */
final class JavaMigrationScripts {
    private JavaMigrationScripts() {}

    /** The configured Java migrations as revision scripts (empty when none are configured). */
    static List<RevisionScript> load(MigrationsConfig config) {
        if (config.javaMigrations().isEmpty() && config.javaMigrationPackages().isEmpty()) {
            return List.of();
        }
        return List.copyOf(
                JavaMigrations.load(config.javaMigrations(), config.javaMigrationPackages(), config.classLoader()));
    }
}
