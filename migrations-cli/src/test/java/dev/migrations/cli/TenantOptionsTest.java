package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The tenant options on an in-memory H2 database: the refusals, which need no tenant database, and
 * the fallback to {@code migrations.tenants.*} of {@code --config}.
 */
class TenantOptionsTest {
    @TempDir
    Path dir;

    private Path scripts;
    private Map<String, String> env;

    @BeforeEach
    void scripts() throws IOException {
        scripts = dir.resolve("db/migrations");
        FleetFixture.linear(scripts, "", "r1", "r2");
        // Two tenants creating their schemas at once wait on H2's catalog lock, 1 s by default.
        env = Map.of(
                "MIGRATIONS_URL",
                "jdbc:h2:mem:fleet_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    }

    private CliRun run(String... args) {
        return CliRun.in(scripts, env, args);
    }

    private void assertRefused(CliRun run, String message) {
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(MigrationsCommand.EXIT_FAILED);
        assertThat(run.out()).startsWith("FAILED: ").contains(message);
    }

    @Test
    void contradictoryOrIncompleteTenantOptionsAreRefusedBeforeAnythingRuns() {
        assertRefused(
                run("upgrade", "head", "--tenants", "acme", "--tenants-query", "SELECT name FROM tenants"),
                "Give either the tenants (--tenants, migrations.tenants.list) or a query");
        assertRefused(
                run(
                        "upgrade",
                        "head",
                        "--tenants",
                        "acme",
                        "--tenant-schema",
                        "t_{tenant}",
                        "--tenant-url",
                        "jdbc:h2:mem:{tenant}"),
                "Give either --tenant-schema");
        assertRefused(run("status", "--tenants", "acme", "--shard", "3/2"), "Shard 3/2 does not exist");
        assertRefused(
                run("current", "--tenants", "acme", "--shard", "half"), "The shard 'half' is not of the form I/N");
        assertRefused(run("upgrade", "head", "--tenants", "acme", "--parallel", "0"), "parallelism must be at least 1");
        assertRefused(run("downgrade", "base", "--tenant-schema", "t_{tenant}"), "The tenant options need the tenants");
        assertRefused(run("upgrade", "head", "--tenants", ","), "The tenant source named no tenants");
        assertRefused(
                run("upgrade", "head", "--tenants", "acme", "--tenant-schema", "acme"), "does not contain {tenant}");
        assertRefused(
                run("stamp", "--purge", "head", "--tenants", "acme"),
                "stamp --purge empties one database's version table");
        assertRefused(run("upgrade", "head", "--sql", "--tenants", "acme"), "--sql prints one script for one database");
        assertThat(run("upgrade", "r1:r2", "--tenants", "acme").out())
                .isEqualTo(
                        "FAILED: Range revision not allowed: a range start:end only renders offline SQL (add --sql); a run on the database takes one target revision\n");
        assertThat(CliRun.in(scripts, Map.of(), "upgrade", "head", "--tenants", "acme")
                        .out())
                .startsWith("FAILED: 'upgrade' needs a database connection: give --url")
                .contains("the database that holds the tenants' schemas (or --tenant-url TEMPLATE");
        assertThat(CliRun.in(
                                scripts,
                                Map.of(),
                                "status",
                                "--tenants-query",
                                "SELECT 1",
                                "--tenant-url",
                                "jdbc:h2:mem:{tenant}")
                        .out())
                .contains("the control database the tenant query runs on");
    }

    @Test
    void theFleetComesFromTheConfigFileAndTheCommandLineWins() throws IOException {
        Path config = dir.resolve("application.properties");
        Files.writeString(config, """
                migrations.tenants.list=acme, globex
                migrations.tenants.schema=tenant_{tenant}
                migrations.tenants.parallelism=2
                """);

        CliRun upgrade = run("--config", config.toString(), "upgrade", "head");
        assertThat(upgrade.exit()).as(upgrade.out()).isZero();
        assertThat(upgrade.out())
                .startsWith("2 tenant(s): 0 at target, 2 migrated, 0 pending, 0 failed, 0 skipped in ");
        assertThat(upgrade.err()).doesNotContain("\r");

        CliRun status = run("--config", config.toString(), "status", "--tenants", "acme,initech");
        assertThat(status.exit()).isEqualTo(StatusCommand.EXIT_PENDING);
        assertThat(status.out()).startsWith("""
                acme: up to date at r2
                initech: at base, pending 2 revision(s): r1, r2
                2 tenant(s): 1 at target, 0 migrated, 1 pending, 0 failed, 0 skipped in\s""");

        JsonNode current = FleetFixture.json(run("--config", config.toString(), "--format", "json", "current"));
        assertThat(current.get("command").asString()).isEqualTo("current");
        assertThat(FleetFixture.states(current))
                .containsExactly(Map.entry("acme", "atTarget"), Map.entry("globex", "atTarget"));
        assertThat(current.get("outcomes").get(0).get("current").get(0).asString())
                .isEqualTo("r2");

        // The offline script is the same for every tenant: --sql prints it though the file names a fleet.
        CliRun sql = run("--config", config.toString(), "upgrade", "head", "--sql");
        assertThat(sql.exit()).isZero();
        assertThat(sql.out()).contains("CREATE TABLE t_r1");

        Files.writeString(config, "migrations.tenants.list=acme\nmigrations.tenants.shard=3/2\n");
        assertRefused(run("--config", config.toString(), "status"), "Shard 3/2 does not exist");
        Files.writeString(config, "migrations.tenants.list=acme\nmigrations.tenants.query=SELECT 1\n");
        assertRefused(run("--config", config.toString(), "status"), "not both");
        Files.writeString(config, "migrations.tenants.list=acme\nmigrations.tenants.parallelism=many\n");
        assertRefused(
                run("--config", config.toString(), "status"),
                "'migrations.tenants.parallelism' must be a whole number");
        Files.writeString(config, "migrations.tenants.list=acme\nmigrations.tenants.fail-fast=maybe\n");
        assertRefused(
                run("--config", config.toString(), "status"), "'migrations.tenants.fail-fast' must be true or false");
    }

    @Test
    void theFleetComesFromTheEnvironmentBetweenTheCommandLineAndTheConfigFile() throws IOException {
        Path config = dir.resolve("application.properties");
        Files.writeString(config, "migrations.tenants.list=initech\nmigrations.tenants.schema=file_{tenant}\n");
        Map<String, String> fleet = new java.util.HashMap<>(env);
        fleet.put("MIGRATIONS_TENANTS_LIST", "acme, globex");
        fleet.put("MIGRATIONS_TENANTS_SCHEMA", "tenant_{tenant}");
        fleet.put("MIGRATIONS_TENANTS_PARALLELISM", "2");

        CliRun upgrade = CliRun.in(scripts, fleet, "--config", config.toString(), "upgrade", "head");
        assertThat(upgrade.exit()).as(upgrade.out() + upgrade.err()).isZero();
        assertThat(upgrade.out())
                .startsWith("2 tenant(s): 0 at target, 2 migrated, 0 pending, 0 failed, 0 skipped in ");
        JsonNode current = FleetFixture.json(CliRun.in(scripts, fleet, "--format", "json", "current"));
        assertThat(FleetFixture.states(current))
                .containsExactly(Map.entry("acme", "atTarget"), Map.entry("globex", "atTarget"));
        // The tenants' schemas are the variable's, not the file's: those the file names were never made.
        JsonNode fileSchemas = FleetFixture.json(
                CliRun.in(scripts, fleet, "--format", "json", "current", "--tenant-schema", "file_{tenant}"));
        assertThat(FleetFixture.states(fileSchemas))
                .containsExactly(Map.entry("acme", "pending"), Map.entry("globex", "pending"));
        assertThat(CliRun.in(scripts, fleet, "status", "--tenants", "initech").out())
                .startsWith("initech: at base, pending 2 revision(s): r1, r2\n");

        fleet.put("MIGRATIONS_TENANTS_PARALLELISM", "many");
        assertRefused(
                CliRun.in(scripts, fleet, "status"),
                "'MIGRATIONS_TENANTS_PARALLELISM' must be a whole number, not 'many'");
        fleet.put("MIGRATIONS_TENANTS_PARALLELISM", "2");
        fleet.put("MIGRATIONS_TENANTS_FAIL_FAST", "maybe");
        assertRefused(
                CliRun.in(scripts, fleet, "status"),
                "'MIGRATIONS_TENANTS_FAIL_FAST' must be true or false, not 'maybe'");
    }

    @Test
    void startRunsOverTheFleetToo() {
        CliRun none = run("start", "--mode", "none", "--tenants", "acme,globex");
        assertThat(none.exit()).isEqualTo(StatusCommand.EXIT_PENDING);
        assertThat(none.out()).startsWith("""
                acme: pending 2 revision(s): r1, r2
                globex: pending 2 revision(s): r1, r2
                2 tenant(s): 0 at target, 0 migrated, 2 pending""");

        CliRun upgrade = run("--format", "json", "start", "--tenants", "acme,globex");
        assertThat(upgrade.exit()).as(upgrade.out()).isZero();
        assertThat(FleetFixture.json(upgrade).get("counts").get("migrated").asInt())
                .isEqualTo(2);
    }
}
