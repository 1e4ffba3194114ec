package dev.migrations.cli;

import static dev.migrations.cli.TestDatabases.PG_PASSWORD;
import static dev.migrations.cli.TestDatabases.PG_USER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
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
        Path scripts = Files.createDirectories(dir.resolve("db/migrations"));
        String text = "-- revision " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises
                + "\n\n-- migrate:upgrade\n" + up + "\n\n-- migrate:downgrade\n" + down + "\n";
        Files.writeString(scripts.resolve(id + "_rev.sql"), text, StandardCharsets.UTF_8);
    }

    private LintCommandTest.Run run(String url, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--location";
        all[1] = dir.resolve("db/migrations").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env =
                Map.of("MIGRATIONS_URL", url, "MIGRATIONS_USER", PG_USER, "MIGRATIONS_PASSWORD", PG_PASSWORD);
        int exit = MigrationsCommand.run(new PrintWriter(out), new PrintWriter(err), env, all);
        return new LintCommandTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void pendingLintsOnlyWhatTheDatabaseHasNotApplied() throws Exception {
        String url = databases.url("postgresql");
        script("a", "", "CREATE TABLE users (id bigint PRIMARY KEY, email text);", "DROP TABLE users;");
        script("b", "a", "ALTER TABLE users DROP COLUMN email;", "ALTER TABLE users ADD COLUMN email text;");

        assertThat(run(url, "upgrade", "a").exit()).isZero();
        LintCommandTest.Run pending = run(url, "lint", "--pending", "--fail-on", "warning");
        assertThat(run(url, "upgrade", "head").exit()).isZero();
        LintCommandTest.Run nothing = run(url, "lint", "--pending", "--fail-on", "warning");

        assertThat(pending.exit()).isEqualTo(LintCommand.EXIT_FINDINGS);
        assertThat(pending.out())
                .contains("b_rev.sql:7: [warning] drop-column: DROP COLUMN users.email.")
                .endsWith("Linted 1 revision(s): 0 error(s), 2 warning(s), 0 info.\n");
        assertThat(nothing.exit()).isZero();
        assertThat(nothing.out()).isEqualTo("Linted 0 revision(s): 0 error(s), 0 warning(s), 0 info.\n");
    }
}
