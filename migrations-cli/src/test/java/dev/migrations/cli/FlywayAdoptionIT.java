package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof with the real Flyway (the version the Spring Boot BOM pins): a realistic project migrated by
 * Flyway, imported and adopted, then one new revision applied by this engine. Nothing runs twice, the
 * schema is Flyway's, and every bad input ends with a specific message, a non-zero exit and no write.
 */
class FlywayAdoptionIT {
    @TempDir
    Path dir;

    private final TestDatabases databases = new TestDatabases("mig_adopt_");
    private Path project;
    private Path scripts;

    @BeforeEach
    void project() throws IOException {
        project = FlywayProjectFiles.write(dir.resolve("flyway"));
        scripts = dir.resolve("db/migrations");
    }

    @AfterEach
    void drop() throws SQLException {
        databases.dropAll();
    }

    private String flywayDatabase() throws SQLException {
        String url = databases.url("postgresql");
        Flyway.configure()
                // What projects with CREATE INDEX CONCURRENTLY set: Flyway's transactional lock would wait on itself.
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .dataSource(url, TestDatabases.pgUser(), TestDatabases.pgPassword())
                .locations("filesystem:" + project)
                .placeholders(Map.of("table_prefix", "app_"))
                .load()
                .migrate();
        return url;
    }

    private CliRun run(String url, String... args) {
        return CliRun.in(scripts, TestDatabases.env(url), args);
    }

    private CliRun importProject(String... extra) {
        String[] args = Stream.concat(
                        Stream.of(
                                "import", "flyway", "--from", project.toString(), "--placeholder", "table_prefix=app_"),
                        Stream.of(extra))
                .toArray(String[]::new);
        return CliRun.in(scripts, Map.of(), args);
    }

    @Test
    void importAdoptAndOneNewRevisionRunNothingTwiceAndKeepFlywaysSchema() throws Exception {
        String url = flywayDatabase();
        String flywaySchema = SchemaSnapshot.of(url);
        long historyRows = SchemaSnapshot.count(url, "SELECT count(*) FROM flyway_schema_history");

        CliRun imported = importProject();
        assertThat(imported.exit()).as(imported.out()).isZero();
        assertThat(imported.out())
                .contains("Imported " + FlywayProjectFiles.VERSIONED + " revision(s)")
                .contains("R__Refresh_comments.sql: a repeatable migration, not imported");
        assertThat(Files.readString(scripts.resolve("v2_1_index_orders_concurrently.sql")))
                .contains("-- Transactional: false")
                .contains("CREATE INDEX CONCURRENTLY");
        assertThat(Files.readString(scripts.resolve("v25_1_non_transactional_by_config.sql")))
                .contains("-- Transactional: false");
        assertThat(Files.readString(scripts.resolve("v2_create_orders.sql"))).contains("DROP TABLE orders;");
        assertThat(Files.readString(scripts.resolve("v5_audit_table_with_placeholder.sql")))
                .contains("CREATE TABLE app_audit");
        assertThat(run(url, "history").out().lines().findFirst().orElse("")).contains("v25_1 (head)");

        CliRun adopted = run(url, "adopt", "flyway");
        assertThat(adopted.exit()).as(adopted.out()).isZero();
        assertThat(adopted.out()).contains("Stamped v25_1");
        assertThat(run(url, "current").out()).isEqualTo("v25_1 (head)\n");

        CliRun.script(
                scripts,
                "c0ffee000001",
                "v25_1",
                "ALTER TABLE users ADD COLUMN phone text;\nINSERT INTO runs (version) VALUES ('new');",
                "ALTER TABLE users DROP COLUMN phone;");
        CliRun upgrade = run(url, "upgrade", "head");
        assertThat(upgrade.exit()).as(upgrade.out()).isZero();

        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM runs")).isEqualTo(28);
        assertThat(SchemaSnapshot.count(url, "SELECT count(DISTINCT version) FROM runs"))
                .isEqualTo(28);
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM users")).isEqualTo(3);
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM app_audit")).isEqualTo(1);
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM flyway_schema_history"))
                .isEqualTo(historyRows);

        String fresh = databases.url("postgresql");
        CliRun replay = run(fresh, "upgrade", "v25_1");
        assertThat(replay.exit()).as(replay.out()).isZero();
        assertThat(SchemaSnapshot.of(fresh)).isEqualTo(flywaySchema);

        CliRun lint = CliRun.in(scripts, Map.of(), "lint");
        assertThat(lint.exit()).as(lint.out()).isIn(0, LintCommand.EXIT_FINDINGS);
        assertThat(lint.out()).contains("Linted " + (FlywayProjectFiles.VERSIONED + 1) + " revision(s)");
        Path model = dir.resolve("schema.sql");
        Files.writeString(model, "", StandardCharsets.UTF_8);
        CliRun check = run(url, "check", "--model", model.toString());
        assertThat(check.out()).as(check.err()).contains("New upgrade operations detected");
    }

    @Test
    void aFailedRowIsRefusedAndNothingIsWritten() throws Exception {
        String url = flywayDatabase();
        SchemaSnapshot.execute(url, "UPDATE flyway_schema_history SET success = false WHERE version = '3'");
        assertThat(importProject().exit()).isZero();
        assertRefused(url, "failed: V3 'User totals view'", "flyway repair");
    }

    @Test
    void aChecksumMismatchIsListedWithBothChecksums() throws Exception {
        String url = flywayDatabase();
        SchemaSnapshot.execute(url, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1.1'");
        assertThat(importProject().exit()).isZero();
        CliRun refused = assertRefused(url, "checksum mismatch: V1.1 'Add user name' expected checksum ");
        assertThat(refused.out()).contains(", found 12345 (");
    }

    @Test
    void aMigrationMissingFromTheFilesIsRefused() throws Exception {
        String url = flywayDatabase();
        Files.delete(project.resolve("V4__Order_total_function.sql"));
        assertThat(importProject().exit()).isZero();
        assertRefused(url, "missing from the files: V4 'Order total function'");
    }

    @Test
    void aPendingMigrationBeforeAppliedOnesIsRefused() throws Exception {
        String url = flywayDatabase();
        Files.writeString(project.resolve("V3_5__Late_arrival.sql"), "SELECT 1;\n", StandardCharsets.UTF_8);
        assertThat(importProject().exit()).isZero();
        assertRefused(url, "not applied: V3.5");
    }

    @Test
    void twoFilesWithTheSameVersionWriteNothing() throws Exception {
        Files.writeString(project.resolve("V7_0__Same_as_seven.sql"), "SELECT 1;\n", StandardCharsets.UTF_8);
        CliRun failed = importProject();
        assertThat(failed.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(failed.out()).contains("Two Flyway scripts have version 7").contains("V7_0__Same_as_seven.sql");
        assertThat(scripts).doesNotExist();
    }

    @Test
    void aFileThatIsNotUtf8WritesNothing() throws Exception {
        Files.write(project.resolve("V8_5__Latin1.sql"), "SELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1));
        CliRun failed = importProject();
        assertThat(failed.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(failed.out()).contains("V8_5__Latin1.sql is not valid UTF-8 (at byte 11)");
        assertThat(scripts).doesNotExist();
    }

    @Test
    void anUnreadableFileWritesNothing() throws Exception {
        Path unreadable = project.resolve("V9_5__Unreadable.sql");
        Files.writeString(unreadable, "SELECT 1;\n", StandardCharsets.UTF_8);
        if (!unreadable.toFile().setReadable(false) || Files.isReadable(unreadable)) {
            return; // running as root: every file is readable
        }
        CliRun failed = importProject();
        assertThat(failed.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(failed.out()).contains("Cannot read " + unreadable);
        assertThat(scripts).doesNotExist();
    }

    private CliRun assertRefused(String url, String... expected) throws SQLException {
        long historyRows = SchemaSnapshot.count(url, "SELECT count(*) FROM flyway_schema_history");
        CliRun refused = run(url, "adopt", "flyway");
        assertThat(refused.exit()).as(refused.out()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(refused.out()).contains("Cannot adopt").contains(List.of(expected));
        assertThat(SchemaSnapshot.count(
                        url, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'alembic_version%'"))
                .isZero();
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM flyway_schema_history"))
                .isEqualTo(historyRows);
        return refused;
    }
}
