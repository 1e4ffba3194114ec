package dev.migrations.adopt;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Flyway project to import.
 *
 * @param locations the directories Flyway reads scripts from (its {@code locations}), searched with their
 *     subdirectories
 * @param placeholders values for {@code ${...}} placeholders; a placeholder without one is reported
 * @param baselineVersion Flyway's {@code baselineVersion} when the project was baselined: scripts at or below
 *     it are not imported, and databases baselined there adopt cleanly; null when the project never was
 * @param encoding the scripts' encoding, Flyway's {@code encoding} (UTF-8 unless the project set another):
 *     Flyway's checksum is of the text read in it, so it must be the one Flyway used
 */
public record FlywayProject(
        List<Path> locations,
        List<Placeholder> placeholders,
        @Nullable String baselineVersion,
        Charset encoding) {

    /** Copies the lists. */
    public FlywayProject {
        locations = List.copyOf(locations);
        placeholders = List.copyOf(placeholders);
        Objects.requireNonNull(encoding, "encoding");
    }

    /** A project in UTF-8, Flyway's default encoding. */
    public FlywayProject(List<Path> locations, List<Placeholder> placeholders, @Nullable String baselineVersion) {
        this(locations, placeholders, baselineVersion, StandardCharsets.UTF_8);
    }
}
