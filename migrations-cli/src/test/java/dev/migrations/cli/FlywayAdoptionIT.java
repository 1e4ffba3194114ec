package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.adopt.Adoption;
import dev.migrations.adopt.AdoptionReport;
import dev.migrations.adopt.SourceTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
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
        flyway(url, null).migrate();
        return url;
    }

    /** Flyway over the project, in {@code schema} (its default schema and history's) or the public one. */
    private Flyway flyway(String url, String schema) {
        var configuration = Flyway.configure()
                // What projects with CREATE INDEX CONCURRENTLY set: Flyway's transactional lock would wait on itself.
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .dataSource(url, TestDatabases.pgUser(), TestDatabases.pgPassword())
                .locations("filesystem:" + project)
                .placeholders(Map.of("table_prefix", "app_"));
        return (schema == null ? configuration : configuration.schemas(schema)).load();
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

        // The imported index revision runs outside a transaction, so lint has nothing to say about its CONCURRENTLY;
        // without the header it would (PostgreSQL refuses CONCURRENTLY in a transaction).
        CliRun lint = CliRun.in(scripts, Map.of(), "lint");
        assertThat(lint.exit()).as(lint.out()).isIn(0, LintCommand.EXIT_FINDINGS);
        assertThat(lint.out())
                .contains("Linted " + (FlywayProjectFiles.VERSIONED + 1) + " revision(s)")
                .doesNotContain("concurrently-in-transaction");
        Path index = scripts.resolve("v2_1_index_orders_concurrently.sql");
        Files.writeString(index, Files.readString(index).replace("-- Transactional: false\n", ""));
        CliRun transactional = CliRun.in(scripts, Map.of(), "lint");
        assertThat(transactional.out())
                .contains("v2_1_index_orders_concurrently.sql:")
                .contains("concurrently-in-transaction");

        // The schema the project means, as a model: the adopted database at head matches it, table for table
        // (Flyway's history table aside, which adoption leaves in place).
        Path model = dir.resolve("schema.sql");
        Files.writeString(model, model(), StandardCharsets.UTF_8);
        CliRun check = run(url, "check", "--model", model.toString(), "--exclude-table", "flyway_schema_history");
        assertThat(check.exit()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("No new upgrade operations detected");
    }

    /** The schema Flyway's scripts and the new revision make, written as a model file. */
    private static String model() {
        StringBuilder attributes = new StringBuilder();
        for (int v = 7; v <= 25; v++) {
            attributes
                    .append(",\n    attr_")
                    .append(v)
                    .append(" integer NOT NULL DEFAULT ")
                    .append(v);
        }
        return """
                CREATE TABLE runs (version text NOT NULL, ran_at timestamptz NOT NULL DEFAULT now());
                CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL, name text%s, phone text);
                COMMENT ON TABLE users IS 'people';
                CREATE TABLE orders (
                    id bigserial PRIMARY KEY,
                    user_id bigint NOT NULL REFERENCES users (id),
                    total numeric(12, 2) NOT NULL DEFAULT 0
                );
                CREATE INDEX orders_user_id_idx ON orders (user_id);
                CREATE VIEW user_totals AS
                    SELECT u.id, u.email, coalesce(sum(o.total), 0) AS total
                    FROM users u LEFT JOIN orders o ON o.user_id = u.id
                    GROUP BY u.id, u.email;
                CREATE TABLE app_audit (id bigserial PRIMARY KEY, what text NOT NULL);
                CREATE TABLE settings (key text PRIMARY KEY, value text);
                """.formatted(attributes);
    }

    @Test
    void aFailedRowFlywayRecordedIsRefusedAndNothingIsWritten() throws Exception {
        // On PostgreSQL only a migration outside a transaction leaves a failed row: a transactional one rolls back.
        Files.writeString(
                project.resolve("V26__Broken_index.sql"),
                "CREATE INDEX CONCURRENTLY broken_idx ON no_such_table (id);\n",
                StandardCharsets.UTF_8);
        String url = databases.url("postgresql");
        assertThatThrownBy(() -> flyway(url, null).migrate()).isInstanceOf(FlywayException.class);
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM flyway_schema_history WHERE NOT success"))
                .isEqualTo(1);
        assertThat(importProject().exit()).isZero();
        String before = SchemaSnapshot.of(url);
        assertRefused(url, "failed: V26 'Broken index'", "flyway repair");
        assertThat(SchemaSnapshot.of(url)).isEqualTo(before);
    }

    @Test
    void twoRunsAdoptingAtOnceStampOnceAndRunTheNewRevisionOnce() throws Exception {
        String url = flywayDatabase();
        long historyRows = SchemaSnapshot.count(url, "SELECT count(*) FROM flyway_schema_history");
        assertThat(importProject().exit()).isZero();
        CliRun.script(scripts, "c0ffee000001", "v25_1", "INSERT INTO runs (version) VALUES ('new');", "SELECT 1;");
        CyclicBarrier together = new CyclicBarrier(2);
        // What two instances of an application with migrations.adopt=flyway do at start-up: adopt, then upgrade.
        Callable<AdoptionReport> start = () -> {
            Migrations engine = Migrations.configure()
                    .url(url, TestDatabases.pgUser(), TestDatabases.pgPassword())
                    .locations("filesystem:" + scripts)
                    .load();
            together.await();
            AdoptionReport report = null;
            try {
                report = Adoption.adopt(engine, SourceTool.FLYWAY, null);
            } catch (MigrationsException e) {
                assertThat(e).hasMessageContaining("has a version table already"); // the other stamped first
            }
            engine.upgrade("head");
            return report;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<AdoptionReport>> runs = pool.invokeAll(List.of(start, start));
            long stamped = 0;
            for (Future<AdoptionReport> run : runs) {
                AdoptionReport report = run.get();
                stamped += report != null && report.stamped() ? 1 : 0;
            }
            assertThat(stamped).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM runs WHERE version = 'new'"))
                .isEqualTo(1);
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM runs")).isEqualTo(28);
        assertThat(run(url, "current").out()).isEqualTo("c0ffee000001 (head)\n");
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM flyway_schema_history"))
                .isEqualTo(historyRows);
    }

    @Test
    void adoptOverTenantsAdoptsEachSchemaAndWritesNothingToATenantThatFailsItsCheck() throws Exception {
        String url = databases.url("postgresql");
        for (String tenant : List.of("acme", "globex", "initech")) {
            flyway(url, tenant).migrate();
        }
        SchemaSnapshot.execute(url, "UPDATE initech.flyway_schema_history SET checksum = 12345 WHERE version = '1.1'");
        assertThat(importProject().exit()).isZero();

        CliRun adopted = run(url, "adopt", "flyway", "--tenants", "acme,globex,initech");
        assertThat(adopted.exit()).as(adopted.out()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(adopted.out())
                .contains("acme: adopted, stamped v25_1\n")
                .contains("globex: adopted, stamped v25_1\n")
                .contains("initech: FAILED: Cannot adopt: 1 problem(s)")
                .doesNotContain("not applied")
                .contains("checksum mismatch: V1.1 'Add user name'")
                .contains("1 of 3 tenant(s) failed: initech");
        assertThat(versionTables(url, "initech")).isZero();
        assertThat(versionTables(url, "acme")).isEqualTo(1);

        SchemaSnapshot.execute(
                url,
                "UPDATE initech.flyway_schema_history i SET checksum = a.checksum FROM acme.flyway_schema_history a"
                        + " WHERE a.version = i.version");
        CliRun check = run(url, "adopt", "flyway", "--check", "--tenants", "initech");
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(check.out()).contains("initech: adoptable; 'adopt' would stamp v25_1");
        CliRun rerun = run(url, "adopt", "flyway", "--tenants", "acme,globex,initech");
        assertThat(rerun.exit()).as(rerun.out()).isZero();
        assertThat(rerun.out())
                .contains("acme: adopted before (or by another run meanwhile), at v25_1; nothing written")
                .contains("initech: adopted, stamped v25_1\n");
        assertThat(run(url, "current", "--tenants", "initech").out()).contains("initech: v25_1 (head)");
    }

    private static long versionTables(String url, String schema) throws SQLException {
        return SchemaSnapshot.count(
                url,
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' AND table_name = 'alembic_version'");
    }

    @Test
    void aLatin1ProjectImportedWithItsEncodingAdoptsWithFlywaysChecksums() throws Exception {
        Path latin1 = Files.createDirectories(dir.resolve("latin1"));
        Files.write(
                latin1.resolve("V1__Caf\u00e9.sql"),
                "-- caf\u00e9 cr\u00e8me\nCREATE TABLE menu (name text);\nINSERT INTO menu VALUES ('cr\u00e8me br\u00fbl\u00e9e');\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
        Files.write(
                latin1.resolve("V2__Prices.sql"),
                "ALTER TABLE menu ADD COLUMN price numeric; -- \u00a3\n".getBytes(StandardCharsets.ISO_8859_1));
        String url = databases.url("postgresql");
        Flyway.configure()
                .dataSource(url, TestDatabases.pgUser(), TestDatabases.pgPassword())
                .locations("filesystem:" + latin1)
                .encoding(StandardCharsets.ISO_8859_1)
                .load()
                .migrate();

        CliRun imported = CliRun.in(
                scripts, Map.of(), "import", "flyway", "--from", latin1.toString(), "--encoding", "ISO-8859-1");
        assertThat(imported.exit()).as(imported.out()).isZero();
        assertThat(Files.readString(scripts.resolve("v1_caf\u00e9.sql"), StandardCharsets.UTF_8))
                .contains("INSERT INTO menu VALUES ('cr\u00e8me br\u00fbl\u00e9e');");
        CliRun adopted = run(url, "adopt", "flyway");
        assertThat(adopted.exit()).as(adopted.out()).isZero();
        assertThat(adopted.out()).contains("Checked 2 applied migration(s)").contains("Stamped v2");
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM menu WHERE name = 'cr\u00e8me br\u00fbl\u00e9e'"))
                .isEqualTo(1);
    }

    @Test
    void aDatabaseFlywayCreatedFromABaselineMigrationAdoptsAtItsVersion() throws Exception {
        Path baselined = Files.createDirectories(dir.resolve("baselined"));
        Files.writeString(baselined.resolve("V1__Create_menu.sql"), "CREATE TABLE menu (name text);\n");
        Files.writeString(baselined.resolve("V2__Add_price.sql"), "ALTER TABLE menu ADD COLUMN price numeric;\n");
        Files.writeString(
                baselined.resolve("B2__Menu_with_price.sql"), "CREATE TABLE menu (name text, price numeric);\n");
        Files.writeString(baselined.resolve("V3__Add_size.sql"), "ALTER TABLE menu ADD COLUMN size text;\n");
        String url = databases.url("postgresql");
        Flyway.configure()
                .dataSource(url, TestDatabases.pgUser(), TestDatabases.pgPassword())
                .locations("filesystem:" + baselined)
                .load()
                .migrate();
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM flyway_schema_history WHERE type = 'SQL_BASELINE'"))
                .isEqualTo(1);

        CliRun imported = CliRun.in(scripts, Map.of(), "import", "flyway", "--from", baselined.toString());
        assertThat(imported.exit()).as(imported.out()).isZero();
        assertThat(imported.out()).contains("B2__Menu_with_price.sql: a Flyway baseline migration, not imported");
        CliRun adopted = run(url, "adopt", "flyway");
        assertThat(adopted.exit()).as(adopted.out()).isZero();
        assertThat(adopted.out()).contains("Stamped v3");
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
    void aScriptThatCannotBeReadWritesNothing() throws Exception {
        // A link to nothing fails to read for every user, root included (a chmod 000 file does not).
        Path unreadable = project.resolve("V9_5__Unreadable.sql");
        Files.createSymbolicLink(unreadable, dir.resolve("moved-away.sql"));
        CliRun failed = importProject();
        assertThat(failed.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(failed.out())
                .contains("Cannot read " + unreadable + " (NoSuchFileException")
                .contains("a link must point to a file")
                .contains("Nothing was written");
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
