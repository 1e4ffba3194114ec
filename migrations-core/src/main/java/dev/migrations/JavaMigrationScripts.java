package dev.migrations;

import dev.migrations.script.JavaMigrations;
import dev.migrations.script.RevisionScript;
import java.util.ArrayList;
import java.util.List;

/** Adds the configured Java migrations to the SQL scripts, after them in load order. */
final class JavaMigrationScripts {
    private JavaMigrationScripts() {}

    static List<RevisionScript> withJava(List<RevisionScript> sql, MigrationsConfig config) {
        if (config.javaMigrations().isEmpty() && config.javaMigrationPackages().isEmpty()) {
            return sql;
        }
        List<RevisionScript> all = new ArrayList<>(sql);
        all.addAll(JavaMigrations.load(config.javaMigrations(), config.javaMigrationPackages(), config.classLoader()));
        return List.copyOf(all);
    }
}
