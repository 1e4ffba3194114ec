package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint --pending} against a real PostgreSQL database (a fresh one per test). */
class LintCommandIT {
    @TempDir
    Path dir;

    private final TestDatabases databases = new TestDatabases("mig_lint_");

    @AfterEach
    void dropDatabase() throws SQLException {
        databases.dropAll();
    }

    private void script(String id, String revises, String up, String down) throws IOException {
        CliRun.script(dir.resolve("db/migrations"), id, revises, up, down);
    }

    private CliRun run(String url, String... args) {
        return CliRun.in(dir.resolve("db/migrations"), TestDatabases.env(url), args);
    }

    @Test
    void pendingLintsOnlyWhatTheDatabaseHasNotApplied() throws Exception {
        String url = databases.url("postgresql");
        script("a", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
        script("b", "a", "ALTER TABLE users DROP COLUMN email;", "ALTER TABLE users ADD COLUMN email text;");

        assertThat(run(url, "upgrade", "a").exit()).isZero();
        CliRun pending = run(url, "lint", "--pending", "--fail-on", "warning");
        assertThat(run(url, "upgrade", "head").exit()).isZero();
        CliRun nothing = run(url, "lint", "--pending", "--fail-on", "warning");

        assertThat(pending.exit()).isEqualTo(LintCommand.EXIT_FINDINGS);
        assertThat(pending.out())
                .contains("b_rev.sql:7: [warning] drop-column: DROP COLUMN users.email.")
                .endsWith("Linted 1 revision(s): 0 error(s), 2 warning(s), 0 info.\n");
        assertThat(nothing.exit()).isZero();
        assertThat(nothing.out()).isEqualTo("Linted 0 revision(s): 0 error(s), 0 warning(s), 0 info.\n");
    }
}
