package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof with the real Liquibase (the version the Spring Boot BOM pins): a realistic changelog (XML,
 * formatted SQL and YAML) applied by Liquibase, imported and adopted, then one new revision applied by
 * this engine. Nothing runs twice and the schema is Liquibase's; MD5SUMs agree with Liquibase's own.
 */
class LiquibaseAdoptionIT {
    @TempDir
    Path dir;

    private final TestDatabases databases = new TestDatabases("mig_adopt_");
    private Path project;
    private Path root;
    private Path scripts;

    @BeforeEach
    void project() throws IOException {
        project = dir.resolve("liquibase");
        root = LiquibaseProjectFiles.write(project);
        scripts = dir.resolve("db/migrations");
    }

    @AfterEach
    void drop() throws SQLException {
        databases.dropAll();
    }

    private String liquibaseDatabase() throws Exception {
        String url = databases.url("postgresql");
        Scope.child(
                Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(project)),
                () -> new CommandScope("update")
                        .addArgumentValue("changelogFile", "db.changelog-master.xml")
                        .addArgumentValue("url", url)
                        .addArgumentValue("username", TestDatabases.pgUser())
                        .addArgumentValue("password", TestDatabases.pgPassword())
                        .execute());
        return url;
    }

    private CliRun run(String url, String... args) {
        return CliRun.in(scripts, TestDatabases.env(url), args);
    }

    private CliRun importProject() {
        return CliRun.in(scripts, Map.of(), "import", "liquibase", "--from", root.toString());
    }

    @Test
    void importAdoptAndOneNewRevisionRunNothingTwiceAndKeepLiquibasesSchema() throws Exception {
        String url = liquibaseDatabase();
        String liquibaseSchema = SchemaSnapshot.of(url);

        CliRun imported = importProject();
        assertThat(imported.exit()).as(imported.out()).isZero();
        assertThat(imported.out()).contains("Imported " + LiquibaseProjectFiles.CHANGESETS + " revision(s)");
        String index = Files.readString(scripts.resolve(fileOf("index-1", "dave")));
        assertThat(index).contains("-- Transactional: false").contains("DROP INDEX CONCURRENTLY orders_user_id_idx");
        assertThat(Files.readString(scripts.resolve(fileOf("audit-1", "erin")))).contains("CREATE TABLE app_audit");

        CliRun check = run(url, "adopt", "liquibase", "--check");
        assertThat(check.exit()).as(check.out()).isZero();
        CliRun adopted = run(url, "adopt", "liquibase");
        assertThat(adopted.exit()).as(adopted.out()).isZero();
        assertThat(adopted.out()).contains("Checked " + LiquibaseProjectFiles.CHANGESETS + " applied migration(s)");
        long historyRows = SchemaSnapshot.count(url, "SELECT count(*) FROM databasechangelog");

        String last = run(url, "heads").out().strip().split(" ")[0];
        CliRun.script(scripts, "c0ffee000002", last, "INSERT INTO runs (version) VALUES ('new');", "SELECT 1;");
        CliRun upgrade = run(url, "upgrade", "head");
        assertThat(upgrade.exit()).as(upgrade.out()).isZero();
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM runs")).isEqualTo(LiquibaseProjectFiles.RUNS + 1);
        assertThat(SchemaSnapshot.count(url, "SELECT count(DISTINCT version) FROM runs"))
                .isEqualTo(LiquibaseProjectFiles.RUNS + 1);
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM users")).isEqualTo(3);
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM databasechangelog"))
                .isEqualTo(historyRows);

        String fresh = databases.url("postgresql");
        CliRun replay = run(fresh, "upgrade", last);
        assertThat(replay.exit()).as(replay.out()).isZero();
        assertThat(SchemaSnapshot.of(fresh)).isEqualTo(liquibaseSchema);
        CliRun lint = CliRun.in(scripts, Map.of(), "lint");
        assertThat(lint.exit()).as(lint.out()).isIn(0, LintCommand.EXIT_FINDINGS);
    }

    @Test
    void aChecksumMismatchIsListedAndNothingIsWritten() throws Exception {
        String url = liquibaseDatabase();
        SchemaSnapshot.execute(url, "UPDATE databasechangelog SET md5sum = '9:0000' WHERE id = '2'");
        assertThat(importProject().exit()).isZero();
        CliRun refused = run(url, "adopt", "liquibase");
        assertThat(refused.exit()).as(refused.out()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(refused.out())
                .contains("checksum mismatch: 2 by alice (changes/001-tables.sql)")
                .contains(", found 9:0000 (");
        assertThat(SchemaSnapshot.count(
                        url, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'alembic_version%'"))
                .isZero();
    }

    @Test
    void aChangesetThatFailedWithFailOnErrorFalseIsRefusedAsNotAppliedAndNothingIsWritten() throws Exception {
        // Liquibase 5 goes on after a changeset with failOnError="false" fails and records no row for it (no
        // EXECTYPE FAILED either), so adoption finds it never ran although later ones did.
        Files.writeString(
                root,
                Files.readString(root)
                        .replace(
                                "  <changeSet id=\"audit-1\"",
                                "  <changeSet id=\"bad-1\" author=\"frank\" failOnError=\"false\">"
                                        + "<sql>INSERT INTO no_such_table VALUES (1)</sql></changeSet>\n"
                                        + "  <changeSet id=\"audit-1\""),
                StandardCharsets.UTF_8);
        String url = liquibaseDatabase();
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM databasechangelog WHERE id = 'bad-1'"))
                .isZero();
        assertThat(SchemaSnapshot.count(url, "SELECT count(*) FROM databasechangelog WHERE id = 'audit-1'"))
                .isEqualTo(1);
        assertThat(importProject().exit()).isZero();
        String before = SchemaSnapshot.of(url);
        CliRun refused = run(url, "adopt", "liquibase");
        assertThat(refused.exit()).as(refused.out()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(refused.out())
                .contains("Cannot adopt: 1 problem(s)")
                .contains("not applied: bad-1 by frank")
                .contains("it never ran here although later ones did");
        assertThat(SchemaSnapshot.count(
                        url, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'alembic_version%'"))
                .isZero();
        assertThat(SchemaSnapshot.of(url)).isEqualTo(before);
    }

    @Test
    void anotherDbmsIsLeftOutAndAValidCheckSumIsAcceptedAsLiquibaseAcceptsIt() throws Exception {
        String original = Files.readString(root);
        String oracleOnly = "  <changeSet id=\"oracle-1\" author=\"gina\" dbms=\"oracle\">"
                + "<sql>CREATE TABLE ora_only (id NUMBER)</sql></changeSet>\n";
        appendChangeSets(oracleOnly + "  <changeSet id=\"edited-1\" author=\"gina\">"
                + "<sql>INSERT INTO runs (version) VALUES ('edited-1')</sql></changeSet>\n");
        String url = liquibaseDatabase();
        String ran = SchemaSnapshot.string(url, "SELECT md5sum FROM databasechangelog WHERE id = 'edited-1'");
        // Edited after it ran, with the checksum it ran with listed as still valid, as Liquibase wants it.
        Files.writeString(root, original, StandardCharsets.UTF_8);
        appendChangeSets(oracleOnly + "  <changeSet id=\"edited-1\" author=\"gina\"><validCheckSum>" + ran
                + "</validCheckSum><sql>INSERT INTO runs (version) SELECT 'edited-1'</sql></changeSet>\n");

        CliRun imported = importProject();
        assertThat(imported.exit()).as(imported.out()).isZero();
        assertThat(imported.out())
                .contains("changeset oracle-1 by gina is for dbms oracle, not PostgreSQL: not imported")
                .contains("Imported " + (LiquibaseProjectFiles.CHANGESETS + 1) + " revision(s)");
        assertThat(Files.readString(scripts.resolve(fileOf("edited-1", "gina"))))
                .contains(", also valid: " + ran);
        CliRun adopted = run(url, "adopt", "liquibase");
        assertThat(adopted.exit()).as(adopted.out()).isZero();
        assertThat(adopted.out())
                .contains("Checked " + (LiquibaseProjectFiles.CHANGESETS + 1) + " applied migration(s)");
    }

    @Test
    void modifySqlIsRefusedNamingTheChangeset() throws Exception {
        appendChangeSets("  <changeSet id=\"m-1\" author=\"hal\"><sql>CREATE TABLE m (id int)</sql>"
                + "<modifySql><append value=\" WITH (fillfactor=70)\"/></modifySql>"
                + "</changeSet>\n");
        assertImportRefused(root + ": changeset m-1 by hal has modifySql");
    }

    @Test
    void aChangesetMissingFromTheFilesIsRefused() throws Exception {
        String url = liquibaseDatabase();
        Path formatted = project.resolve("changes/001-tables.sql");
        String text = Files.readString(formatted);
        int start = text.indexOf("--changeset bob:5\n");
        Files.writeString(formatted, text.substring(0, start) + text.substring(text.indexOf("--changeset bob:6\n")));
        assertThat(importProject().exit()).isZero();
        CliRun refused = run(url, "adopt", "liquibase");
        assertThat(refused.exit()).as(refused.out()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(refused.out()).contains("missing from the files: 5 by bob (changes/001-tables.sql)");
        assertThat(run(url, "current").out()).isEmpty();
    }

    @Test
    void anUnsupportedChangeTypeIsRefusedNamingFileIdAndAuthor() throws Exception {
        appendChangeSets("  <changeSet id=\"t-1\" author=\"frank\"><createTable tableName=\"x\"><column"
                + " name=\"id\" type=\"int\"/></createTable></changeSet>\n");
        assertImportRefused(root + ": changeset t-1 by frank uses the change type 'createTable'");
    }

    /** Adds changesets at the end of the root changelog. */
    private void appendChangeSets(String xml) throws IOException {
        Files.writeString(
                root,
                Files.readString(root).replace("</databaseChangeLog>", xml + "</databaseChangeLog>"),
                StandardCharsets.UTF_8);
    }

    private void assertImportRefused(String expected) {
        CliRun failed = importProject();
        assertThat(failed.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(failed.out()).contains(expected).contains("Nothing was written");
        assertThat(scripts).doesNotExist();
    }

    private String fileOf(String id, String author) throws IOException {
        try (var files = Files.list(scripts)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> {
                        try {
                            return Files.readString(scripts.resolve(name))
                                    .contains("Liquibase changeset \"" + id + "\" by \"" + author + "\"");
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .findFirst()
                    .orElseThrow();
        }
    }
}
