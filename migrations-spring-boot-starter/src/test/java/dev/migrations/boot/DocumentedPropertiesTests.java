package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every property in the configuration metadata that the build generates (what IDEs complete) is
 * named in the docs: {@code README.md} or a page of {@code docs/}.
 */
class DocumentedPropertiesTests {
    /** The metadata spring-boot-configuration-processor writes while the module compiles. */
    static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

    /** The repository's root, seen from the module's directory (where surefire runs the tests). */
    static final Path ROOT = Path.of("..");

    @Test
    void everyPropertyIsDocumented() throws IOException {
        assertThat(METADATA)
                .as("the configuration metadata, generated while compiling the module")
                .isRegularFile();
        List<String> names = propertyNames(Files.readString(METADATA, StandardCharsets.UTF_8));
        assertThat(names).as("properties in %s", METADATA).contains("migrations.target", "migrations.mode");

        String docs = docs(ROOT);
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!mentions(docs, name)) {
                missing.add(name);
            }
        }
        assertThat(missing)
                .as("properties of the generated configuration metadata that no page of docs/ (nor README.md)"
                        + " names; document each where it belongs: docs/spring-boot.md (the properties table),"
                        + " docs/operations.md (management.*, migrations.metrics.*, migrations.health.*),"
                        + " docs/lint.md (migrations.lint.*) or docs/java-migrations.md (migrations.java-packages)")
                .isEmpty();
    }

    @Test
    void aPropertyThatNoPageNamesIsMissing() {
        String docs = "| `migrations.lint.severity.<rule>` | | ... `migrations.user` and `migrations.url-x` |";
        assertThat(mentions(docs, "migrations.lint.severity")).isTrue();
        assertThat(mentions(docs, "migrations.user")).isTrue();
        assertThat(mentions(docs, "migrations.url")).isFalse();
        assertThat(mentions(docs, "migrations.lint")).isFalse();
        assertThat(mentions(docs, "lint.severity")).isFalse();
    }

    /** The names of the metadata's properties, sorted. */
    static List<String> propertyNames(String metadata) {
        JsonNode root = JsonMapper.builder().build().readTree(metadata);
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode property : root.path("properties")) {
            names.add(property.path("name").asString());
        }
        return List.copyOf(names);
    }

    /**
     * Whether the text names the property as a whole name: not as a part of a longer name, though a
     * map property may be followed by its key ({@code migrations.lint.severity.<rule>}).
     */
    static boolean mentions(String text, String name) {
        return Pattern.compile("(?<![\\w.-])" + Pattern.quote(name) + "(?![\\w-]|\\.\\w)")
                .matcher(text)
                .find();
    }

    /** README.md and every page of docs/, as one text. */
    static String docs(Path root) throws IOException {
        Path dir = root.resolve("docs");
        assertThat(dir)
                .as("the docs folder, %s", dir.toAbsolutePath().normalize())
                .isDirectory();
        StringBuilder text = new StringBuilder(Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8));
        try (Stream<Path> pages = Files.list(dir)) {
            for (Path page :
                    pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                text.append('\n').append(Files.readString(page, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }
}
