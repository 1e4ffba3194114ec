package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The online commands end to end on a real database: PostgreSQL ({@code MIGRATIONS_TEST_JDBC_URL},
 * else localhost:5432 as user postgres) and embedded H2, each test on a fresh database.
 */
class OnlineCommandsIT {
    @TempDir
    Path dir;

    private final TestDatabases databases = new TestDatabases();

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

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void upgradeStatusCurrentAndDowngradeWorkAgainstTheDatabase(String kind) throws Exception {
        String url = databases.url(kind);
        script("aaaa", "", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        script(
                "bbbb",
                "aaaa",
                "ALTER TABLE users ADD COLUMN email varchar(100);",
                "ALTER TABLE users DROP COLUMN email;");
        script("cccc", "bbbb", "CREATE TABLE orders (id int PRIMARY KEY);", "DROP TABLE orders;");

        CliRun pending = run(url, "status");
        assertThat(pending.exit()).isEqualTo(StatusCommand.EXIT_PENDING);
        assertThat(pending.out())
                .contains("Current: base")
                .contains("Pending: 3 revision(s), in run order: aaaa, bbbb, cccc");

        CliRun upgrade = run(url, "upgrade", "+2");
        assertThat(upgrade.exit()).isZero();
        assertThat(run(url, "current").out()).isEqualTo("bbbb\n");

        assertThat(run(url, "upgrade", "head").exit()).isZero();
        assertThat(run(url, "history", "-i").out()).contains("bbbb -> cccc (head) (current), revision cccc");
        CliRun upToDate = run(url, "status", "head");
        assertThat(upToDate.exit()).isZero();
        assertThat(upToDate.out()).contains("Up to date.");

        assertThat(run(url, "downgrade", "-2").exit()).isZero();
        assertThat(run(url, "current").out()).isEqualTo("aaaa\n");
        assertThat(run(url, "stamp", "head").exit()).isZero();
        assertThat(run(url, "current").out()).isEqualTo("cccc (head)\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void failedRevisionReportsFileLineAndStateAndKeepsThePreviousRevision(String kind) throws Exception {
        String url = databases.url(kind);
        script("aaaa", "", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        script("bbbb", "aaaa", "CREATE TABLE users (id int PRIMARY KEY);", "SELECT 1;");

        CliRun failed = run(url, "upgrade", "head");
        assertThat(failed.exit()).isEqualTo(255);
        assertThat(failed.out())
                .startsWith("FAILED: Revision bbbb (")
                .contains("bbbb_rev.sql:7) failed: ")
                .contains("[SQLState ")
                .contains("Applied in this run: aaaa.")
                .contains("The database is at aaaa");
        assertThat(run(url, "current").out()).isEqualTo("aaaa\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void editedAppliedScriptIsRefusedUntilRecorded(String kind) throws Exception {
        String url = databases.url(kind);
        script("aaaa", "", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        assertThat(run(url, "upgrade", "head").exit()).isZero();
        script("aaaa", "", "CREATE TABLE users (id int PRIMARY KEY); -- reviewed edit", "DROP TABLE users;");
        script("bbbb", "aaaa", "SELECT 1;", "SELECT 1;");

        CliRun refused = run(url, "upgrade", "head");
        assertThat(refused.exit()).isEqualTo(255);
        assertThat(refused.out()).contains("Revision aaaa (").contains("was applied with checksum");
        CliRun listed = run(url, "checksums");
        assertThat(listed.exit()).isEqualTo(1);
        assertThat(run(url, "checksums", "--record").out()).isEqualTo("Recorded the current checksum of aaaa.\n");
        assertThat(run(url, "upgrade", "head").exit()).isZero();
        assertThat(run(url, "current").out()).isEqualTo("bbbb (head)\n");
    }

    /**
     * {@code current} in a history range only bounds it; {@code (current)} needs {@code -i}. The
     * expected outputs are what Alembic 1.8.1 printed for the same three revisions at bbbb.
     */
    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void historyRangesFromOrToCurrentMarkTheCurrentRevisionOnlyWithIndicateCurrent(String kind) throws Exception {
        String revises = "";
        for (String id : List.of("aaaa", "bbbb", "cccc")) {
            script(id, revises, "SELECT 1;", "SELECT 1;");
            revises = id;
        }
        String url = databases.url(kind);
        assertThat(run(url, "upgrade", "bbbb").exit()).isZero();

        assertThat(run(url, "history", "-r", "current:").out())
                .isEqualTo("bbbb -> cccc (head), revision cccc\naaaa -> bbbb, revision bbbb\n");
        assertThat(run(url, "history", "-r", "current:", "-i").out())
                .isEqualTo("bbbb -> cccc (head), revision cccc\naaaa -> bbbb (current), revision bbbb\n");
        assertThat(run(url, "history", "-r", ":current").out())
                .isEqualTo("aaaa -> bbbb, revision bbbb\n<base> -> aaaa, revision aaaa\n");
        assertThat(run(url, "history", "-r", ":current", "-i").out())
                .isEqualTo("aaaa -> bbbb (current), revision bbbb\n<base> -> aaaa, revision aaaa\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void verboseCurrentNamesTheDatabaseWithoutThePassword(String kind) throws Exception {
        String url = databases.url(kind);
        script("aaaa", "", "SELECT 1;", "SELECT 1;");
        CliRun run = run(
                url + (url.contains("?") ? "&" : "?") + "password="
                        + TestDatabases.pgPassword().toLowerCase(Locale.ROOT) + "x",
                "--password",
                "hunter2",
                "current",
                "-v");
        assertThat(run.out())
                .startsWith("Current revision(s) for jdbc:postgresql://")
                .contains("password=***");
        assertThat(run.out() + run.err()).doesNotContain("hunter2");
    }
}
