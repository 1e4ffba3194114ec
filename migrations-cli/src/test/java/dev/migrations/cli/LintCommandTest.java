package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lint} on two revisions: {@code a} creates a table (clean), {@code b} indexes it without
 * CONCURRENTLY (an error) and has no lock timeout (a warning).
 */
class LintCommandTest {
    @TempDir
    Path dir;

    private Path scripts;

    @BeforeEach
    void writeScripts() throws IOException {
        scripts = Files.createDirectories(dir.resolve("db/migrations"));
        script("a", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
        script("b", "a", "CREATE INDEX users_email ON users (email);", "DROP INDEX users_email;");
    }

    private void script(String id, String revises, String up, String down) throws IOException {
        CliRun.script(scripts, id, revises, up, down);
    }

    private CliRun run(String... args) {
        return CliRun.in(scripts, Map.of(), args);
    }

    @Test
    void findingsAtTheThresholdExitThreeAndPrintFileLineRuleAndAdvice() {
        CliRun run = run("lint");

        String path = scripts.resolve("b_rev.sql").toAbsolutePath().normalize().toString();
        assertThat(run.exit()).isEqualTo(LintCommand.EXIT_FINDINGS);
        assertThat(run.out())
                .startsWith(path + ":7: [warning] missing-lock-timeout: This statement waits for a lock on an"
                        + " existing table")
                .contains(path + ":7: [error] create-index-not-concurrently: CREATE INDEX users_email on users"
                        + " without CONCURRENTLY.\n"
                        + "    CREATE INDEX users_email ON users (email)\n"
                        + "    why: CREATE INDEX holds a SHARE lock on the table while it builds the index")
                .contains("    instead: CREATE INDEX CONCURRENTLY in its own revision with the header"
                        + " 'Transactional: false'")
                .endsWith("Linted 2 revision(s): 1 error(s), 1 warning(s), 0 info.\n");
    }

    @Test
    void failOnAndSeverityDecideTheExitCode() {
        assertThat(run("lint", "--fail-on", "none").exit()).isZero();
        assertThat(run("lint", "--severity", "create-index-not-concurrently=warning")
                        .exit())
                .isZero();
        assertThat(run("lint", "--severity", "create-index-not-concurrently=warning", "--fail-on", "warning")
                        .exit())
                .isEqualTo(3);
        CliRun off = run(
                "lint",
                "--severity",
                "create-index-not-concurrently=off",
                "--severity",
                "missing-lock-timeout=off",
                "--fail-on",
                "info");
        assertThat(off.exit()).isZero();
        assertThat(off.out()).isEqualTo("Linted 2 revision(s): 0 error(s), 0 warning(s), 0 info.\n");
    }

    @Test
    void aConfiguredDdlLockTimeoutSatisfiesTheLockTimeoutRule() {
        assertThat(run("--ddl-lock-timeout", "5s", "lint").out()).doesNotContain("missing-lock-timeout");
    }

    @Test
    void aRangeLintsOnlyItsRevisions() {
        CliRun run = run("lint", "-r", ":a");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("Linted 1 revision(s): 0 error(s), 0 warning(s), 0 info.\n");
    }

    @Test
    void jsonOutputListsEveryFindingWithItsFields() {
        CliRun run = run("--format", "json", "lint", "--severity", "missing-lock-timeout=off");

        String path = scripts.resolve("b_rev.sql").toAbsolutePath().normalize().toString();
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out())
                .startsWith("{\n  \"revisions\": [\"a\", \"b\"],\n  \"failOn\": \"error\",\n  \"failed\": true,\n"
                        + "  \"findings\": [\n    {\"rule\": \"create-index-not-concurrently\", \"severity\": \"error\","
                        + " \"revision\": \"b\", \"path\": " + Json.quote(path) + ", \"line\": 7, \"statement\":"
                        + " \"CREATE INDEX users_email ON users (email)\", \"message\": \"CREATE INDEX users_email on"
                        + " users without CONCURRENTLY.\", \"why\": \"CREATE INDEX holds a SHARE lock")
                .endsWith("\"}\n  ]\n}\n");
        assertThat(run("--format", "json", "lint", "--fail-on", "none", "-r", ":a")
                        .out())
                .isEqualTo("""
                        {
                          "revisions": ["a"],
                          "failOn": "none",
                          "failed": false,
                          "findings": []
                        }
                        """);
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun unknownRule = run("lint", "--severity", "no-such-rule=error");
        CliRun badLevel = run("lint", "--severity", "drop-column=fatal");
        CliRun badThreshold = run("lint", "--fail-on", "fatal");
        CliRun both = run("lint", "--pending", "-r", "a:b");

        assertThat(unknownRule.exit()).isEqualTo(2);
        assertThat(unknownRule.err()).startsWith("--severity no-such-rule=error: Unknown lint rule 'no-such-rule'");
        assertThat(badLevel.exit()).isEqualTo(2);
        assertThat(badLevel.err()).contains("use off, info, warning or error");
        assertThat(badThreshold.exit()).isEqualTo(2);
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).startsWith("Give either --pending or --rev-range, not both");
    }

    @Test
    void pendingNeedsADatabase() {
        CliRun run = run("lint", "--pending");

        assertThat(run.exit()).isEqualTo(255);
        assertThat(run.out()).startsWith("FAILED: 'lint --pending' needs a database connection");
    }
}
