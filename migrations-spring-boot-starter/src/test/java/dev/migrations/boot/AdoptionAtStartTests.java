package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.StartRefusedException;
import dev.migrations.adopt.Adoption;
import dev.migrations.adopt.FlywayProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A database Flyway migrated, with no version table: the start fails naming the adopt command, or with
 * {@code migrations.adopt=flyway} the database is adopted at start-up and only new revisions run.
 */
class AdoptionAtStartTests {
    private static final Pattern CHECKSUM = Pattern.compile("checksum (-?\\d+)");

    @TempDir
    Path dir;

    private final H2Database db = new H2Database();
    private Path scripts;

    @BeforeEach
    void flywayDatabase() throws Exception {
        Path flyway = Files.createDirectories(dir.resolve("flyway"));
        Files.writeString(flyway.resolve("V1__Create_users.sql"), "CREATE TABLE users (id int PRIMARY KEY);\n");
        Files.writeString(flyway.resolve("V2__Seed.sql"), "INSERT INTO users VALUES (1);\n");
        scripts = dir.resolve("db/migrations");
        Adoption.importFlyway(new FlywayProject(List.of(flyway), List.of(), null), scripts);
        db.execute(
                "CREATE TABLE users (id int PRIMARY KEY)",
                "INSERT INTO users VALUES (1)",
                "CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT, \"version\" VARCHAR(50),"
                        + " \"description\" VARCHAR(200), \"type\" VARCHAR(20), \"script\" VARCHAR(1000),"
                        + " \"checksum\" INT, \"success\" BOOLEAN)",
                row(1, "1", "Create users", "v1_create_users.sql"),
                row(2, "2", "Seed", "v2_seed.sql"));
    }

    private String row(int rank, String version, String description, String revision) throws Exception {
        Matcher m = CHECKSUM.matcher(Files.readString(scripts.resolve(revision), StandardCharsets.UTF_8));
        assertThat(m.find()).isTrue();
        return "INSERT INTO \"flyway_schema_history\" VALUES (" + rank + ", '" + version + "', '" + description
                + "', 'SQL', 'V" + version + "__x.sql', " + m.group(1) + ", true)";
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
                .withPropertyValues(db.property(), "migrations.locations=" + TestScripts.location(scripts));
    }

    @Test
    void withoutTheSettingTheStartFailsNamingTheAdoptCommand() throws Exception {
        runner().run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            FailureAnalysis analysis = new MigrationsFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("Flyway's history table flyway_schema_history and no version table alembic_version");
            assertThat(analysis.getAction())
                    .contains("adopt flyway")
                    .contains("migrations.adopt=flyway")
                    .contains("Nothing was written");
            assertThat(failure).rootCause().isInstanceOf(StartRefusedException.class);
        });
        assertThat(tables()).doesNotContain("ALEMBIC_VERSION", "alembic_version");
    }

    @Test
    void withTheSettingTheDatabaseIsAdoptedAndOnlyNewRevisionsRun() throws Exception {
        TestScripts.revision(scripts, "c0ffee000003", "v2", "INSERT INTO users VALUES (2);", "DELETE FROM users;");
        runner().withPropertyValues("migrations.adopt=flyway")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.strings("SELECT id FROM users ORDER BY id")).containsExactly("1", "2");
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly("c0ffee000003");
    }

    @Test
    void aMismatchRefusesTheStartAndWritesNothing() throws Exception {
        db.execute("UPDATE \"flyway_schema_history\" SET \"checksum\" = 7 WHERE \"version\" = '2'");
        runner().withPropertyValues("migrations.adopt=flyway").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MigrationsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("checksum mismatch: V2 'Seed'")
                    .contains("found 7");
        });
        assertThat(tables()).doesNotContain("ALEMBIC_VERSION", "alembic_version");
    }

    @Test
    void aHistoryTableSpringFlywayTableRenamedIsFoundAndNamedInTheAdoptCommand() throws Exception {
        db.execute("ALTER TABLE \"flyway_schema_history\" RENAME TO \"custom_history\"");
        runner().withPropertyValues("spring.flyway.table=custom_history").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MigrationsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .contains("Flyway's history table custom_history and no version table");
            assertThat(analysis.getAction()).contains("adopt flyway --history-table custom_history");
        });
        assertThat(tables()).doesNotContain("ALEMBIC_VERSION", "alembic_version");
        runner().withPropertyValues("spring.flyway.table=custom_history", "migrations.adopt=flyway")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly("v2");
    }

    @Test
    void aHistoryTableInTheSchemaSpringFlywaySchemasNamesIsAdopted() throws Exception {
        db.execute(
                "CREATE SCHEMA legacy",
                "CREATE TABLE legacy.\"flyway_schema_history\" AS SELECT * FROM \"flyway_schema_history\"",
                "DROP TABLE \"flyway_schema_history\"");
        runner().withPropertyValues("spring.flyway.schemas=legacy,other", "migrations.adopt=flyway")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly("v2");
        assertThat(db.strings("SELECT id FROM users ORDER BY id")).containsExactly("1");
    }

    /**
     * Tenants (H2 keeps a tenant's schema under its name in capitals): one schema Flyway migrated (acme), one new (globex). Without the setting acme fails naming the
     * adopt command and is left as it was while globex is migrated; with it acme is adopted and gets only the
     * new revision.
     */
    @Test
    void aTenantFlywayMigratedIsRefusedAloneOrAdoptedWithTheSetting() throws Exception {
        db.execute(
                "CREATE SCHEMA ACME",
                "CREATE TABLE ACME.users AS SELECT * FROM users",
                "CREATE TABLE ACME.\"flyway_schema_history\" AS SELECT * FROM \"flyway_schema_history\"",
                "DROP TABLE users",
                "DROP TABLE \"flyway_schema_history\"");
        TestScripts.revision(scripts, "c0ffee000003", "v2", "INSERT INTO users VALUES (2);", "DELETE FROM users;");
        ApplicationContextRunner tenants = runner().withConfiguration(
                        AutoConfigurations.of(MigrationsTenantsAutoConfiguration.class))
                .withPropertyValues("migrations.tenants.list=acme,globex");

        tenants.run(context -> {
            assertThat(context).hasNotFailed();
            var failed = context.getBean(MigrationsFleetState.class).snapshot().failed();
            assertThat(failed).singleElement().satisfies(outcome -> {
                assertThat(outcome.tenant()).isEqualTo("acme");
                assertThat(outcome.error())
                        .contains("Flyway's history table flyway_schema_history and no version table alembic_version")
                        .contains("migrations.adopt=flyway");
            });
        });
        assertThat(tables("ACME")).containsExactlyInAnyOrder("USERS", "flyway_schema_history");
        assertThat(db.strings("SELECT id FROM ACME.users")).containsExactly("1");
        assertThat(db.strings("SELECT version_num FROM GLOBEX.ALEMBIC_VERSION")).containsExactly("c0ffee000003");

        tenants.withPropertyValues("migrations.adopt=flyway")
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(db.strings("SELECT version_num FROM ACME.ALEMBIC_VERSION")).containsExactly("c0ffee000003");
        assertThat(db.strings("SELECT id FROM ACME.users ORDER BY id")).containsExactly("1", "2");
    }

    private List<String> tables(String schema) throws Exception {
        return db.strings("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'");
    }

    private List<String> tables() throws Exception {
        return db.strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'");
    }
}
