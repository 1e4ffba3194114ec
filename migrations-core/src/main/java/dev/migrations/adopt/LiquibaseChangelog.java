package dev.migrations.adopt;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Liquibase changelog to import: formatted SQL, XML, or YAML/JSON when a parser for those is given.
 *
 * @param file the root changelog; includes are followed from it
 * @param placeholders values for {@code ${...}} changelog properties, on top of the changelog's own
 * @param yaml parses a YAML or JSON changelog into maps, lists and strings (the engine's core has no YAML
 *     parser; the command line passes SnakeYAML's); null refuses YAML and JSON changelogs
 */
public record LiquibaseChangelog(
        Path file, List<Placeholder> placeholders, @Nullable YamlParser yaml) {

    /** Copies the list. */
    public LiquibaseChangelog {
        placeholders = List.copyOf(placeholders);
    }

    /** Turns YAML (or JSON) text into plain Java objects: maps, lists and scalars, as SnakeYAML's {@code load}. */
    @FunctionalInterface
    public interface YamlParser {
        /** The document's tree; an exception's message is reported with the file's name. */
        @Nullable
        Object parse(String text);
    }
}
