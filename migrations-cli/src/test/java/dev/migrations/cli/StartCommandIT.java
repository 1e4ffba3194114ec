package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code migrations start}: the starter's start-up policy from the command line, for workers and CI steps. */
class StartCommandIT {
    @TempDir
    Path dir;

    private final TestDatabases databases = new TestDatabases();

    @AfterEach
    void dropDatabase() throws SQLException {
        databases.dropAll();
    }

    private void script(String id, String revises) throws IOException {
        CliRun.script(
                dir.resolve("db/migrations"),
                id,
                revises,
                "CREATE TABLE t_" + id + " (id int);",
                "DROP TABLE t_" + id + ";");
    }

    private CliRun run(String url, String... args) {
        return CliRun.in(dir.resolve("db/migrations"), TestDatabases.env(url), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void eachModeBehavesAsTheStarterDoes(String kind) throws Exception {
        String url = databases.url(kind);
        script("aaaa", "");
        script("bbbb", "aaaa");

        CliRun none = run(url, "start", "--mode", "none");
        assertThat(none.exit()).isEqualTo(StatusCommand.EXIT_PENDING);
        assertThat(none.out()).isEqualTo("Pending: 2 revision(s), in run order: aaaa, bbbb\n");

        CliRun validate = run(url, "start", "--mode", "validate");
        assertThat(validate.exit()).isEqualTo(255);
        assertThat(validate.out())
                .startsWith("FAILED: The database is at base, not at the target head: 2 revision(s) pending")
                .contains("set migrations.mode=upgrade");

        CliRun upgrade = run(url, "start");
        assertThat(upgrade.exit()).isZero();
        assertThat(upgrade.out()).isEqualTo("Migrated: 2 script(s) run; the database is at bbbb\n");

        assertThat(run(url, "start", "--mode", "validate").out()).isEqualTo("At the target: bbbb\n");
        assertThat(run(url, "start").out()).isEqualTo("At the target: bbbb\n");

        CliRun above = run(url, "start", "aaaa");
        assertThat(above.exit()).isEqualTo(255);
        assertThat(above.out()).contains("above the target aaaa", "--allow-downgrade");
        assertThat(run(url, "start", "--allow-downgrade", "aaaa").out())
                .isEqualTo("Migrated: 1 script(s) run; the database is at aaaa\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void aWorkerWaitsForTheMigratorAndGivesUpAfterItsTimeout(String kind) throws Exception {
        String url = databases.url(kind);
        script("aaaa", "");

        CliRun timedOut =
                run(url, "start", "--mode", "wait", "--wait-timeout", "300ms", "--wait-poll-interval", "50ms");
        assertThat(timedOut.exit()).isEqualTo(255);
        assertThat(timedOut.out()).contains("Waited 300ms", "pending: aaaa", "--wait-timeout");

        CompletableFuture<CliRun> migrator = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return run(url, "upgrade", "head");
        });
        CliRun worker = run(url, "start", "--mode", "wait", "--wait-timeout", "30s", "--wait-poll-interval", "100ms");
        assertThat(migrator.join().exit()).isZero();
        assertThat(worker.exit()).isZero();
        assertThat(worker.out()).isEqualTo("At the target: aaaa\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void theModeAndTargetComeFromTheConfigFileWhenNotGiven(String kind) throws Exception {
        String url = databases.url(kind);
        script("aaaa", "");
        Path config = dir.resolve("application.properties");
        Files.writeString(config, "migrations.mode=validate\nmigrations.target=aaaa\n");

        CliRun validate = run(url, "--config", config.toString(), "start");
        assertThat(validate.exit()).isEqualTo(255);
        assertThat(validate.out()).contains("not at the target aaaa");

        Files.writeString(config, "migrations.mode=sideways\n");
        assertThat(run(url, "--config", config.toString(), "start").out())
                .isEqualTo("FAILED: 'migrations.mode' must be one of upgrade, validate, wait, none, not 'sideways'\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void theStartUpLintRefusesAnUpgradeBeforeAnythingRuns(String kind) throws Exception {
        String url = databases.url(kind);
        CliRun.script(dir.resolve("db/migrations"), "aaaa", "", "CREATE TABLE t (id int);", "DROP TABLE t;");
        CliRun.script(dir.resolve("db/migrations"), "bbbb", "aaaa", "CREATE INDEX t_id ON t (id);", "DROP INDEX t_id;");

        CliRun refused = run(url, "start", "--lint", "--lint-fail-on", "error");
        assertThat(refused.exit()).isEqualTo(255);
        assertThat(refused.out())
                .startsWith("FAILED: The lint found 1 finding(s) at or above error")
                .contains("nothing was migrated", "create-index-not-concurrently", "migrations.lint.fail-on=none");
        assertThat(run(url, "current").out()).isEmpty();

        // The starter's settings in --config: the rule turned off, the same start goes through.
        Path config = dir.resolve("application.properties");
        Files.writeString(config, """
                migrations.lint.enabled=true
                migrations.lint.fail-on=error
                migrations.lint.severity.create-index-not-concurrently=off
                """);
        CliRun upgraded = run(url, "--config", config.toString(), "start");
        assertThat(upgraded.exit()).isZero();
        assertThat(upgraded.out()).isEqualTo("Migrated: 2 script(s) run; the database is at bbbb\n");
    }
}
