package dev.migrations.boot;

import dev.migrations.Migrations;

/**
 * Replaces the start-up run (the {@code migrations.mode} handling included) with your own, e.g.
 * {@code migrations -> migrations.upgrade("heads")}, or a no-op to never migrate at start-up while
 * keeping the engine bean.
 */
@FunctionalInterface
public interface MigrationsStrategy {
    /** Runs at start-up, before the web server binds its port and before scheduled tasks. */
    void migrate(Migrations migrations);
}
