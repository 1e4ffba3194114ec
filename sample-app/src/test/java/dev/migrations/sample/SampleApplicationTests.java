package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the service on a random port over its migrated H2 database and drives it over HTTP: the
 * orders API, the worker, and what Actuator says about the migrations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.worker.delay=100ms")
class SampleApplicationTests {
    /** The single head: the tenants table, above the merge of the processing and events branches. */
    private static final String HEAD = "c7e2a94f1d60";

    private static final String MERGE = "8b4d0e7f3a15";

    private static final String DS = "datasource=\"dataSource\"";

    @LocalServerPort
    int port;

    @Autowired
    OrderRepository repository;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET());
    }

    @Test
    void ordersAreTakenAndTheWorkerProcessesThem() throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"ada\",\"totalCents\":1250}")));
        assertThat(created.statusCode()).isEqualTo(201);
        // total_cents comes from the second revision, status and created_at from the first.
        JsonNode order = json.readTree(created.body());
        assertThat(order.get("customer").asString()).isEqualTo("ada");
        assertThat(order.get("totalCents").asLong()).isEqualTo(1250);
        long id = order.get("id").asLong();

        JsonNode processed = awaitOrder(id, "PROCESSED");
        // processed_at comes from one branch, order_events from the other.
        assertThat(processed.get("processedAt").isNull()).isFalse();
        assertThat(repository.events(id)).containsExactly("PROCESSED");
    }

    @Test
    void theMigrationsEndpointShowsTheDatabaseAtTheMergedHead() throws Exception {
        HttpResponse<String> response = get("/actuator/migrations");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode engine = json.readTree(response.body())
                .get("contexts")
                .get("sample-app")
                .get("migrations")
                .get("dataSource");
        assertThat(strings(engine.get("current"))).containsExactly(HEAD);
        assertThat(strings(engine.get("heads"))).isEqualTo(strings(engine.get("current")));
        assertThat(engine.get("upToDate").asBoolean()).isTrue();
        assertThat(strings(engine.get("pending"))).isEmpty();
        assertThat(engine.get("versionTable").asString()).isEqualTo("alembic_version");
        assertThat(engine.get("lastRun").get("outcome").asString()).isEqualTo("success");
        assertThat(strings(engine.get("lastRun").get("applied")))
                .hasSize(6)
                .startsWith("1975ea83b712", "ae1027a6acf0")
                .endsWith(MERGE, HEAD);

        JsonNode revisions = engine.get("revisions");
        assertThat(revisions).hasSize(6);
        for (JsonNode revision : revisions) {
            assertThat(revision.get("state").asString()).isEqualTo("applied");
            assertThat(revision.get("checksum").asString()).isEqualTo("ok");
        }
        JsonNode merge = revision(engine, MERGE);
        assertThat(strings(merge.get("downRevisions"))).containsExactly("3c9e1f2a7b40", "5d2f8a6c1e93");
        assertThat(strings(revision(engine, "5d2f8a6c1e93").get("branchLabels")))
                .contains("events");
        assertThat(revision(engine, "5d2f8a6c1e93").get("message").asString()).isEqualTo("create order events");
    }

    @Test
    void healthAndReadinessIncludeTheMigrations() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode migrations = json.readTree(health.body()).get("components").get("migrations");
        assertThat(migrations.get("status").asString()).isEqualTo("UP");
        assertThat(strings(migrations.get("details").get("current"))).containsExactly(HEAD);

        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json.readTree(readiness.body()).get("components").propertyNames())
                .containsExactlyInAnyOrder("migrations", "readinessState");
    }

    @Test
    void prometheusShowsTheMigrationMeters() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "migrations_pending{" + DS + "} 0.0",
                        "migrations_heads{" + DS + "} 1.0",
                        "migrations_info{current=\"" + HEAD + "\"," + DS + ",head=\"" + HEAD + "\"} 1",
                        "migrations_applied_total{" + DS + ",direction=\"upgrade\"} 6.0",
                        "migrations_run_seconds_count{" + DS + ",direction=\"upgrade\",outcome=\"success\"} 1",
                        "migrations_run_seconds_count{" + DS + ",direction=\"upgrade\",outcome=\"failure\"} 0",
                        "migrations_lock_wait_seconds_count{" + DS + "} 1",
                        "migrations_checksum_mismatches{" + DS + "} 0.0",
                        "migrations_unknown_revisions{" + DS + "} 0.0")
                .containsPattern("migrations_last_run_timestamp_seconds\\{" + DS + "} 1\\.\\d+E9");
    }

    private JsonNode awaitOrder(long id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (JsonNode order : json.readTree(get("/orders").body())) {
                if (order.get("id").asLong() == id
                        && order.get("status").asString().equals(status)) {
                    return order;
                }
            }
            assertThat(System.nanoTime()).as("order %d %s in time", id, status).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static JsonNode revision(JsonNode engine, String id) {
        for (JsonNode revision : engine.get("revisions")) {
            if (revision.get("id").asString().equals(id)) {
                return revision;
            }
        }
        throw new AssertionError("no revision " + id + " in " + engine);
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : array) {
            result.add(item.asString());
        }
        return result;
    }
}
