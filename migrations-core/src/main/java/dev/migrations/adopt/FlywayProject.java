package dev.migrations.adopt;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Flyway project to import.
 *
 * @param locations the directories Flyway reads scripts from (its {@code locations}), searched with their
 *     subdirectories
 * @param placeholders values for {@code ${...}} placeholders; a placeholder without one is reported
 * @param baselineVersion Flyway's {@code baselineVersion} when the project was baselined: scripts at or below
 *     it are not imported, and databases baselined there adopt cleanly; null when the project never was
 */
public record FlywayProject(
        List<Path> locations,
        List<Placeholder> placeholders,
        @Nullable String baselineVersion) {

    /** Copies the lists. */
    public FlywayProject {
        locations = List.copyOf(locations);
        placeholders = List.copyOf(placeholders);
    }
}
