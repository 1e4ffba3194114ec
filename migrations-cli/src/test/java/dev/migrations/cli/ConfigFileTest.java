package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private static final String PROFILES = """
            migrations:
              version-table: base
              locations: [a, b]
            ---
            spring.config.activate.on-profile: dev
            migrations:
              version-table: dev
              locations: [c]
            ---
            spring:
              config.activate.on-profile: [ "prod", "staging & !dev" ]
            migrations.version-table: prod
            ---
            spring.config.activate.on-profile: default
            migrations.schema: fallback
            ---
            spring.config.activate.on-cloud-platform: kubernetes
            migrations.version-table: cloud
            """;

    @TempDir
    Path dir;

    private ConfigFile yaml(String text) throws IOException {
        Path file = dir.resolve("application.yml");
        Files.writeString(file, text);
        return ConfigFile.read(file, Map.of());
    }

    private ConfigFile yaml(String text, String profiles) throws IOException {
        Path file = dir.resolve("application.yml");
        Files.writeString(file, text);
        return ConfigFile.read(file, Map.of("SPRING_PROFILES_ACTIVE", profiles));
    }

    @Test
    void laterDocumentsOverrideEarlierOnesAndAListAsAWhole() throws IOException {
        ConfigFile file = yaml("migrations:\n  locations: [a, b]\n  schema: s\n---\nmigrations.locations: [c]\n");

        assertThat(file.getList("migrations.locations", Map.of())).contains(List.of("c"));
        assertThat(file.get("migrations.schema", Map.of())).contains("s");
    }

    @Test
    void profileDocumentsApplyOnlyForTheirProfiles() throws IOException {
        ConfigFile none = yaml(PROFILES);
        ConfigFile dev = yaml(PROFILES, "dev");
        ConfigFile staging = yaml(PROFILES, "staging");
        ConfigFile both = yaml(PROFILES, "staging, dev");

        assertThat(none.get("migrations.version-table", Map.of())).contains("base");
        assertThat(none.get("migrations.schema", Map.of())).contains("fallback");
        assertThat(dev.get("migrations.version-table", Map.of())).contains("dev");
        assertThat(dev.getList("migrations.locations", Map.of())).contains(List.of("c"));
        assertThat(dev.get("migrations.schema", Map.of())).isEqualTo(Optional.empty());
        assertThat(staging.get("migrations.version-table", Map.of())).contains("prod");
        assertThat(both.get("migrations.version-table", Map.of())).contains("dev");
    }

    @Test
    void activeProfilesMayComeFromTheFile() throws IOException {
        ConfigFile file = yaml("spring.profiles.active: dev\n---\n" + PROFILES);

        assertThat(file.get("migrations.version-table", Map.of())).contains("dev");
    }

    @Test
    void malformedProfileExpressionsAreRefused() {
        assertThatThrownBy(() -> yaml("spring.config.activate.on-profile: a & b | c\nx: 1\n"))
                .hasMessageContaining("spring.config.activate.on-profile 'a & b | c' is not a profile expression");
        assertThatThrownBy(() -> yaml("spring.config.activate.on-profile: (a\nx: 1\n"))
                .hasMessageContaining("is not a profile expression");
    }

    @Test
    void theSpringProfilesKeyOfBootBefore24IsRefusedAsBootDoes() {
        assertThatThrownBy(() -> yaml("a: 1\n---\nspring.profiles: dev\na: 2\n"))
                .hasMessageEndingWith(": spring.profiles is not read since Spring Boot 2.4; write"
                        + " spring.config.activate.on-profile instead");
    }

    @Test
    void propertiesFilesAreReadAsBefore() throws IOException {
        Path file = dir.resolve("application.properties");
        Files.writeString(file, "migrations.locations[1]=b\nmigrations.locations[0]=a\nmigrations.versionTable=v\n");
        ConfigFile config = ConfigFile.read(file, Map.of());

        assertThat(config.getList("migrations.locations", Map.of())).contains(List.of("a", "b"));
        assertThat(config.get("migrations.version-table", Map.of())).contains("v");
    }
}
