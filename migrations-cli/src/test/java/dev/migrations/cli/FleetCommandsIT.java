package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.migrations.testserver.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The verbs over a fleet of tenants on PostgreSQL, run in process: a schema per tenant in a fresh
 * database (from a list and from a query on it), and a database per tenant.
 */
class FleetCommandsIT {
    @TempDir
    Path dir;

    private final TestDatabases databases = new TestDatabases();
    private String url;

    @BeforeEach
    void database() throws Exception {
        url = databases.url("postgresql");
        FleetFixture.linear(dir.resolve("db/migrations"), "", "r1", "r2");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        databases.dropAll();
    }

    private CliRun run(String... args) {
        return CliRun.in(dir.resolve("db/migrations"), TestDatabases.env(url), args);
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = TestPostgres.server().connect(url);
                Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private List<String> strings(String sql) throws SQLException {
        try (Connection connection = TestPostgres.server().connect(url);
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    @Test
    void theVerbsRunOverATenantListInTextAndJson() throws Exception {
        CliRun before = run("status", "--tenants", "acme,globex");
        assertThat(before.exit()).isEqualTo(StatusCommand.EXIT_PENDING);
        assertThat(before.out()).startsWith("""
                acme: at base, pending 2 revision(s): r1, r2
                globex: at base, pending 2 revision(s): r1, r2
                2 tenant(s): 0 at target, 0 migrated, 2 pending, 0 failed, 0 skipped in""");
        assertThat(strings("SELECT schema_name FROM information_schema.schemata"))
                .doesNotContain("acme");

        CliRun upgrade = run("upgrade", "head", "--tenants", "acme,globex", "--parallel", "2");
        assertThat(upgrade.exit()).as(upgrade.out()).isZero();
        assertThat(upgrade.out())
                .startsWith("2 tenant(s): 0 at target, 2 migrated, 0 pending, 0 failed, 0 skipped in ");
        assertThat(upgrade.out().lines()).hasSize(1);
        assertThat(strings("SELECT version_num FROM acme.alembic_version")).containsExactly("r2");
        assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
                .doesNotContain("t_r1", "alembic_version");

        assertThat(run("current", "--tenants", "acme,globex").out()).startsWith("acme: r2 (head)\nglobex: r2 (head)\n");
        assertThat(run("status", "head", "--tenants", "acme,globex").out()).startsWith("acme: up to date at r2\n");

        JsonNode downgrade = FleetFixture.json(run("--format", "json", "downgrade", "r1", "--tenants", "acme,globex"));
        assertThat(downgrade.get("command").asString()).isEqualTo("downgrade");
        assertThat(downgrade.get("tenants").asInt()).isEqualTo(2);
        assertThat(downgrade.get("counts").get("migrated").asInt()).isEqualTo(2);
        assertThat(downgrade.get("failed").size()).isZero();
        JsonNode acme = downgrade.get("outcomes").get(0);
        assertThat(acme.get("tenant").asString()).isEqualTo("acme");
        assertThat(acme.get("current").get(0).asString()).isEqualTo("r1");
        assertThat(acme.get("scriptsRun").asInt()).isEqualTo(1);
        assertThat(acme.get("error").isNull()).isTrue();

        JsonNode status = FleetFixture.json(run("--format", "json", "status", "--tenants", "acme,globex"));
        assertThat(FleetFixture.states(status)).containsExactly(entry("acme", "pending"), entry("globex", "pending"));
        assertThat(status.get("outcomes").get(1).get("pending").get(0).asString())
                .isEqualTo("r2");

        CliRun stamp = run("stamp", "r2", "--tenants", "acme,globex");
        assertThat(stamp.exit()).isZero();
        assertThat(strings("SELECT version_num FROM globex.alembic_version")).containsExactly("r2");
        JsonNode current = FleetFixture.json(run("--format", "json", "current", "--tenants", "acme,globex"));
        assertThat(FleetFixture.states(current)).containsValues("atTarget", "atTarget");
    }

    @Test
    void theTenantsComeFromAQueryOnTheControlDatabaseWhichMustNameSome() throws Exception {
        execute(
                "CREATE TABLE tenants (name text, active boolean)",
                "INSERT INTO tenants VALUES ('acme', true), ('globex', true), ('hooli', false)");
        String query = "SELECT name FROM tenants WHERE active ORDER BY name";

        CliRun upgrade =
                run("--format", "json", "upgrade", "head", "--tenants-query", query, "--tenant-schema", "t_{tenant}");
        assertThat(upgrade.exit()).as(upgrade.out()).isZero();
        assertThat(FleetFixture.states(FleetFixture.json(upgrade)))
                .containsExactly(entry("acme", "migrated"), entry("globex", "migrated"));
        assertThat(strings("SELECT version_num FROM t_globex.alembic_version")).containsExactly("r2");

        CliRun failing = run("upgrade", "head", "--tenants-query", "SELECT name FROM no_such_table");
        assertThat(failing.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(failing.out())
                .startsWith("FAILED: The tenant query failed: ")
                .contains("no_such_table", "SQLState 42P01");

        CliRun empty = run("status", "--tenants-query", "SELECT name FROM tenants WHERE name = 'nobody'");
        assertThat(empty.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(empty.out()).startsWith("FAILED: The tenant source named no tenants");
    }

    @Test
    void aFailingTenantFailsAloneAndTheRunExitsNonZeroAndFailFastSkipsTheRest() throws Exception {
        execute("CREATE SCHEMA globex", "CREATE TABLE globex.t_r2 (id int)");

        CliRun run = run("upgrade", "head", "--tenants", "acme,globex,x-y,initech");
        assertThat(run.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("globex: FAILED: Revision r2 (").contains("r2_rev.sql", "42P07");
        assertThat(lines.get(1)).startsWith("x-y: FAILED: Tenant 'x-y' is not a plain identifier");
        assertThat(lines.get(2)).startsWith("4 tenant(s): 0 at target, 2 migrated, 0 pending, 2 failed, 0 skipped in ");
        assertThat(lines.get(3))
                .isEqualTo("FAILED: 2 of 4 tenant(s) failed: globex, x-y; the others went on. Fix what"
                        + " their errors say and run again: tenants at the target only cost a read.");
        assertThat(strings("SELECT version_num FROM initech.alembic_version")).containsExactly("r2");
        assertThat(strings("SELECT version_num FROM globex.alembic_version")).containsExactly("r1");

        JsonNode json =
                FleetFixture.json(run("--format", "json", "upgrade", "head", "--tenants", "acme,globex,umbrella"));
        assertThat(json.get("counts").get("failed").asInt()).isEqualTo(1);
        assertThat(json.get("failed").get(0).get("tenant").asString()).isEqualTo("globex");
        assertThat(json.get("failed").get(0).get("error").asString()).contains("Revision r2");

        CliRun failFast = run("--format", "json", "upgrade", "head", "--tenants", "globex,hooli,wayne", "--fail-fast");
        assertThat(failFast.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(FleetFixture.states(FleetFixture.json(failFast)))
                .containsExactly(entry("globex", "failed"), entry("hooli", "skipped"), entry("wayne", "skipped"));
        assertThat(strings("SELECT schema_name FROM information_schema.schemata"))
                .doesNotContain("hooli");
    }

    @Test
    void aDatabasePerTenantFleetMigratesEachAndAMissingDatabaseFailsAlone() throws Exception {
        TestPostgres server = TestPostgres.server();
        String one = databases.postgresName();
        String two = databases.postgresName();
        String missing = "mig_cli_missing_tenant";

        CliRun run = CliRun.in(
                dir.resolve("db/migrations"),
                Map.of("MIGRATIONS_USER", TestDatabases.pgUser(), "MIGRATIONS_PASSWORD", TestDatabases.pgPassword()),
                "upgrade",
                "head",
                "--tenants",
                one + "," + missing + "," + two,
                "--tenant-url",
                TestPostgres.withDatabase(server.url(), "{tenant}"),
                "--parallel",
                "3");

        assertThat(run.exit()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(run.out())
                .startsWith(missing + ": FAILED: ")
                .contains(missing + "\" does not exist")
                .contains("3 tenant(s): 0 at target, 2 migrated, 0 pending, 1 failed, 0 skipped in ")
                .contains("FAILED: 1 of 3 tenant(s) failed: " + missing + ";");
        try (Connection connection = server.connect(server.url(two));
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version_num FROM alembic_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("r2");
        }
    }
}
