package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.fleet.FleetOptions;
import dev.migrations.testserver.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The CLI as separate JVM processes over one schema-per-tenant fleet on PostgreSQL, as Kubernetes
 * Jobs run it: shard runners split the tenants between them, a runner killed in the middle is
 * finished by a rerun of its shard with each revision applied once per tenant, and with stderr not
 * a terminal no progress line is written.
 */
class FleetProcessesIT {
    private static final List<String> REVISIONS = List.of("r1", "r2", "r3");

    @TempDir
    Path dir;

    private final TestDatabases databases = new TestDatabases();
    private final List<Process> started = new ArrayList<>();
    private String url;
    private List<String> tenants;

    @BeforeEach
    void database() throws SQLException {
        url = databases.url("postgresql");
        tenants = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            tenants.add(String.format("k%02d", i));
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process process : started) {
            process.destroyForcibly().waitFor();
        }
        databases.dropAll();
    }

    /** Starts {@code java -cp <test class path> MigrationsCommand args}; its output goes to files. */
    private Process start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                MigrationsCommand.class.getName(),
                "--location",
                dir.resolve("db/migrations").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().putAll(TestDatabases.env(url));
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private int await(Process process, String name) throws Exception {
        assertThat(process.waitFor(3, TimeUnit.MINUTES))
                .as(name + " finished: " + output(name))
                .isTrue();
        return process.exitValue();
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    private String output(String name) throws IOException {
        return "stdout:\n" + read(name + ".out") + "\nstderr:\n" + read(name + ".err");
    }

    private long number(String sql) throws SQLException {
        try (Connection connection = TestPostgres.server().connect(url);
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** How many of the tenants have the last revision's table, committed. */
    private long atHead(List<String> some) throws SQLException {
        return number("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 't_r3' AND table_schema IN ('"
                + String.join("', '", some) + "')");
    }

    private void assertEachRevisionAppliedOnce(List<String> some) throws SQLException {
        for (String tenant : some) {
            assertThat(number("SELECT COUNT(*) FROM " + tenant + ".alembic_version_history"))
                    .as("history rows of " + tenant)
                    .isEqualTo(REVISIONS.size());
        }
    }

    @Test
    void threeShardRunnersMigrateEveryTenantExactlyOnce() throws Exception {
        FleetFixture.linear(dir.resolve("db/migrations"), "", REVISIONS.toArray(String[]::new));
        String all = String.join(",", tenants);

        List<Process> runners = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            runners.add(start(
                    "shard" + shard,
                    "--format",
                    "json",
                    "upgrade",
                    "head",
                    "--tenants",
                    all,
                    "--shard",
                    shard + "/3",
                    "--parallel",
                    "2"));
        }

        List<String> seen = new ArrayList<>();
        for (int shard = 0; shard < 3; shard++) {
            String name = "shard" + shard;
            assertThat(await(runners.get(shard), name)).as(output(name)).isZero();
            JsonNode summary = FleetFixture.json(read(name + ".out"));
            assertThat(summary.get("shard").asString()).isEqualTo(shard + "/3");
            assertThat(FleetFixture.states(summary).values())
                    .as(name)
                    .isNotEmpty()
                    .containsOnly("migrated");
            seen.addAll(FleetFixture.states(summary).keySet());
            assertThat(read(name + ".err"))
                    .as("no progress line off a terminal")
                    .doesNotContain("\r");
        }
        assertThat(seen).as("every tenant taken by exactly one shard").hasSize(tenants.size());
        assertThat(new HashSet<>(seen)).containsExactlyInAnyOrderElementsOf(tenants);
        assertEachRevisionAppliedOnce(tenants);
    }

    @Test
    void aShardRunnerKilledInTheMiddleIsFinishedByARerunOfItsShard() throws Exception {
        // Slow revisions, so the kill lands while tenants are left to do.
        FleetFixture.linear(dir.resolve("db/migrations"), "\nSELECT pg_sleep(0.2);", REVISIONS.toArray(String[]::new));
        FleetOptions.Shard shard = FleetOptions.Shard.parse("1/3");
        List<String> mine = tenants.stream().filter(shard::includes).toList();
        assertThat(mine).as("the shard's tenants").hasSizeGreaterThanOrEqualTo(5);
        String[] args = {"--format", "json", "upgrade", "head", "--tenants", String.join(",", tenants), "--shard", "1/3"
        };

        Process killed = start("killed", args);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (atHead(mine) < 2 && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        killed.destroyForcibly().waitFor();
        long doneBeforeKill = atHead(mine);
        assertThat(doneBeforeKill)
                .as("killed after some tenants: " + output("killed"))
                .isBetween(2L, mine.size() - 1L);

        Process rerun = start("rerun", args);
        assertThat(await(rerun, "rerun")).as(output("rerun")).isZero();
        JsonNode summary = FleetFixture.json(read("rerun.out"));
        assertThat(summary.get("counts").get("failed").asInt()).isZero();
        assertThat(summary.get("counts").get("atTarget").asInt()).isGreaterThanOrEqualTo((int) doneBeforeKill);
        assertThat(summary.get("counts").get("atTarget").asInt()
                        + summary.get("counts").get("migrated").asInt())
                .isEqualTo(mine.size());
        assertThat(atHead(mine)).isEqualTo(mine.size());
        assertEachRevisionAppliedOnce(mine);
        Set<String> others = new HashSet<>(tenants);
        mine.forEach(others::remove);
        assertThat(number("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name IN ('"
                        + String.join("', '", others) + "')"))
                .as("other shards' tenants untouched")
                .isZero();
        assertThat(read("rerun.err")).doesNotContain("\r");
    }
}
