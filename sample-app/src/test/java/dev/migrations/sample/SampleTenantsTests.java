package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code tenants} profile on the embedded H2 database: the sample's own scripts make and fill
 * the {@code tenants} table, whose three rows {@code migrations.tenants.query} reads; each tenant
 * gets a schema {@code tenant_<name>} with the scripts of {@code db/tenants} before the port opens,
 * and the endpoint, the health and the Prometheus scrape count them.
 */
@SampleWithTenants
class SampleTenantsTests {
    private static final List<String> SCHEMAS = List.of("TENANT_ACME", "TENANT_GLOBEX", "TENANT_INITECH");

    /** The head of db/tenants: the notes table, then the note_tags table. */
    private static final String TENANT_HEAD = "9a05e6d4c1b8";

    private static final String DS = "datasource=\"dataSource\"";

    @LocalServerPort
    int port;

    @Autowired
    TenantTablesAtStartup.TenantTables tablesAtStartup;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyTenantSchemaHadItsTablesBeforeTheApplicationServed() {
        assertThat(tablesAtStartup.bySchema()).containsOnlyKeys(SCHEMAS);
        for (String schema : SCHEMAS) {
            assertThat(tablesAtStartup.bySchema().get(schema))
                    .as(schema)
                    .contains("NOTES", "NOTE_TAGS", "ALEMBIC_VERSION")
                    .doesNotContain("ORDERS", "TENANTS");
            assertThat(jdbc.queryForList("SELECT version_num FROM " + schema + ".alembic_version", String.class))
                    .as(schema)
                    .containsExactly(TENANT_HEAD);
        }
        // Each tenant's tables are its own: a tagged note of one is not another's.
        jdbc.update("INSERT INTO tenant_acme.notes (id, body) VALUES (1, 'call back')");
        jdbc.update("INSERT INTO tenant_acme.note_tags (note_id, tag) VALUES (1, 'urgent')");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tenant_acme.note_tags", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tenant_globex.notes", Integer.class))
                .isZero();
    }

    @Test
    void theMigrationsEndpointCountsTheTenants() throws Exception {
        HttpResponse<String> response = get("/actuator/migrations");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode context = json.readTree(response.body()).get("contexts").get("sample-app");
        // The shared schema: the orders and the tenants table, at the sample's own head.
        assertThat(context.get("migrations").get("dataSource").get("upToDate").asBoolean())
                .isTrue();
        JsonNode tenants = context.get("tenants").get("dataSource");
        assertThat(tenants.get("tenants").asInt()).isEqualTo(3);
        assertThat(ints(tenants.get("states")))
                .isEqualTo(Map.of("at_target", 0, "migrated", 3, "pending", 0, "failed", 0, "skipped", 0));
        assertThat(tenants.get("failed").isEmpty()).isTrue();
        assertThat(tenants.get("startedAt").isNull()).isFalse();
        assertThat(tenants.get("finishedAt").isNull()).isFalse();
    }

    @Test
    void healthHasTheTenantsComponentUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode components = json.readTree(response.body()).get("components");
        JsonNode tenants = components.get("migrationsTenants");
        assertThat(tenants.get("status").asString()).isEqualTo("UP");
        assertThat(tenants.get("details").get("tenants").asInt()).isEqualTo(3);
        assertThat(tenants.get("details").get("states").get("migrated").asInt()).isEqualTo(3);
        assertThat(components.get("migrations").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusCountsTheTenantsAndTheFleetRun() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "migrations_tenants{" + DS + ",state=\"migrated\"} 3.0",
                        "migrations_tenants{" + DS + ",state=\"at_target\"} 0.0",
                        "migrations_tenants{" + DS + ",state=\"failed\"} 0.0",
                        "migrations_tenants{" + DS + ",state=\"pending\"} 0.0",
                        "migrations_tenants{" + DS + ",state=\"skipped\"} 0.0",
                        "migrations_tenants_run_seconds_count{" + DS + "} 1",
                        "migrations_pending{" + DS + "} 0.0")
                .containsPattern("migrations_tenants_run_seconds_sum\\{" + DS + "} \\d+\\.\\d+");
    }

    private static Map<String, Integer> ints(JsonNode object) {
        Map<String, Integer> ints = new LinkedHashMap<>();
        object.properties().forEach(e -> ints.put(e.getKey(), e.getValue().asInt()));
        return ints;
    }
}
