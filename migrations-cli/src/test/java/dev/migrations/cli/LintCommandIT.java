package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint --pending} against a real PostgreSQL database (a fresh one per test). */
class LintCommandIT {
    private static final String ADMIN_URL =
            System.getenv().getOrDefault("MIGRATIONS_TEST_JDBC_URL", "jdbc:postgresql://localhost:5432/postgres");
    private static final String USER = System.getenv().getOrDefault("MIGRATIONS_TEST_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("MIGRATIONS_TEST_PASSWORD", "");

    @TempDir
    Path dir;

    private String database;

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database != null) {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private String url() throws SQLException {
        database = "mig_lint_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + database);
        int slash = ADMIN_URL.lastIndexOf('/');
        int query = ADMIN_URL.indexOf('?', slash);
        return ADMIN_URL.substring(0, slash + 1) + database + (query < 0 ? "" : ADMIN_URL.substring(query));
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
                Map.of("MIGRATIONS_URL", url, "MIGRATIONS_USER", USER, "MIGRATIONS_PASSWORD", PASSWORD);
        int exit = MigrationsCommand.run(new PrintWriter(out), new PrintWriter(err), env, all);
        return new LintCommandTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void pendingLintsOnlyWhatTheDatabaseHasNotApplied() throws Exception {
        String url = url();
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
