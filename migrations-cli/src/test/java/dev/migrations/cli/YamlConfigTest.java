package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.migrations.MigrationsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlConfigTest {
    private static final Path FILE = Path.of("application.yml");

    private static Map<String, String> only(String yaml) {
        List<Map<String, String>> documents = YamlConfig.documents(FILE, yaml);
        assertThat(documents).hasSize(1);
        return documents.get(0);
    }

    @Test
    void nestedMapsBecomeDottedKeysAndListsIndexedKeys() {
        assertThat(only("""
                        spring:
                          datasource:
                            username: app # a comment
                            url: "jdbc:postgresql://localhost/app"
                        migrations:
                          locations:
                            - classpath:db/migrations
                            - filesystem:extra
                          empty: []
                          nothing:
                        """))
                .containsExactly(
                        entry("spring.datasource.username", "app"),
                        entry("spring.datasource.url", "jdbc:postgresql://localhost/app"),
                        entry("migrations.locations[0]", "classpath:db/migrations"),
                        entry("migrations.locations[1]", "filesystem:extra"),
                        entry("migrations.empty", ""),
                        entry("migrations.nothing", ""));
    }

    @Test
    void anchorsAndAliasesAndMergeKeys() {
        assertThat(only("""
                        defaults: &defaults
                          schema: app
                          version-table: app_versions
                        migrations:
                          <<: *defaults
                          user: &user admin
                          owner: *user
                        """))
                .contains(
                        entry("migrations.schema", "app"),
                        entry("migrations.version-table", "app_versions"),
                        entry("migrations.user", "admin"),
                        entry("migrations.owner", "admin"));
    }

    @Test
    void flowSequencesAndMaps() {
        assertThat(only("""
                        migrations: {locations: [classpath:a, 'filesystem:b, c'], schema: app}
                        """))
                .containsExactly(
                        entry("migrations.locations[0]", "classpath:a"),
                        entry("migrations.locations[1]", "filesystem:b, c"),
                        entry("migrations.schema", "app"));
    }

    @Test
    void blockScalars() {
        assertThat(only("""
                        literal: |
                          one
                          two
                        folded: >-
                          one
                          two
                        """)).containsExactly(entry("literal", "one\ntwo\n"), entry("folded", "one two"));
    }

    @Test
    void quotedKeysAndKeysThatAreNotStrings() {
        assertThat(only("""
                        "spring.datasource": {url: x}
                        'a b': y
                        map:
                          1: one
                          "[k.with.dots]": z
                        """))
                .containsExactly(
                        entry("spring.datasource.url", "x"),
                        entry("a b", "y"),
                        entry("map[1]", "one"),
                        entry("map[k.with.dots]", "z"));
    }

    @Test
    void listsOfMapsAndScalarsAsSpringBootWritesThem() {
        assertThat(only("""
                        items:
                          - name: a
                            size: 1
                          - [x, y]
                        flag: true
                        number: 0x1F
                        date: 2024-01-02
                        nothing: ~
                        """))
                .containsExactly(
                        entry("items[0].name", "a"),
                        entry("items[0].size", "1"),
                        entry("items[1][0]", "x"),
                        entry("items[1][1]", "y"),
                        entry("flag", "true"),
                        entry("number", "31"),
                        entry("date", "2024-01-02"),
                        entry("nothing", ""));
    }

    @Test
    void everyDocumentInOrderEmptyOnesLeftOut() {
        assertThat(YamlConfig.documents(FILE, "a: 1\n---\n---\nb: 2\n...\n"))
                .containsExactly(Map.of("a", "1"), Map.of("b", "2"));
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        assertThatThrownBy(() -> YamlConfig.documents(FILE, "migrations:\n  locations: [a\n  schema: b\n"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageStartingWith("Config file application.yml:3: ")
                .hasMessageEndingWith("; not valid YAML");
        assertThatThrownBy(() -> YamlConfig.documents(FILE, "a: 1\nb:\n\tc: 2\n"))
                .hasMessageStartingWith("Config file application.yml:3: ");
        assertThatThrownBy(() -> YamlConfig.documents(FILE, "a: *missing\n"))
                .hasMessageStartingWith("Config file application.yml:1: found undefined alias missing");
    }

    @Test
    void aValueThatContainsItselfIsRefused() {
        assertThatThrownBy(() -> YamlConfig.documents(FILE, "a: &x\n  b: *x\n"))
                .isInstanceOf(MigrationsException.class)
                .hasMessage("Config file application.yml: 'a.b' contains itself through an alias;"
                        + " not a value a property can take");
        assertThatThrownBy(() -> YamlConfig.documents(FILE, "a: &x [1, *x]\n"))
                .hasMessageContaining("'a[1]' contains itself");
    }

    @Test
    void duplicateKeysAreRefusedAsSpringBootDoes() {
        assertThatThrownBy(() -> YamlConfig.documents(FILE, "a: 1\nb: 2\na: 3\n"))
                .hasMessageStartingWith("Config file application.yml:3: found duplicate key a");
    }
}
