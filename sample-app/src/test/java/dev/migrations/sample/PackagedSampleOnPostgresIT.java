package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.testserver.TestPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service ({@code java -jar}) on a real PostgreSQL database: profile {@code postgres},
 * with {@code SPRING_DATASOURCE_URL} pointing it at a fresh database (on the server migrations-test-server
 * finds: {@code MIGRATIONS_TEST_JDBC_URL}, {@code localhost:5432} as {@code postgres}, else an embedded
 * PostgreSQL). The branch and merge
 * revisions run, the worker processes an order, and Actuator reports the database at head.
 */
class PackagedSampleOnPostgresIT {
    private static final TestPostgres SERVER = TestPostgres.server();
    private static final String USER = Objects.requireNonNullElse(SERVER.user(), "postgres");
    private static final String PASSWORD = SERVER.password();
    private static final String HEAD = "c7e2a94f1d60";

    private final JsonMapper json = JsonMapper.builder().build();
    private String database;
    private PackagedService service;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = SERVER.createDatabase("mig_sample_");
    }

    @AfterEach
    void stopAndDrop() throws Exception {
        if (service != null) {
            service.close();
        }
        SERVER.dropDatabase(database);
    }

    @Test
    void thePackagedServiceMigratesPostgresAndProcessesOrders() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_DATASOURCE_URL", SERVER.url(database));
        environment.put("SPRING_DATASOURCE_USERNAME", USER);
        if (PASSWORD != null) {
            environment.put("SPRING_DATASOURCE_PASSWORD", PASSWORD);
        }
        service = PackagedService.start(
                "packaged-sample-postgres-it.log",
                List.of(),
                List.of("--spring.profiles.active=postgres", "--sample.worker.delay=100ms"),
                environment);

        HttpResponse<String> created = service.send(HttpRequest.newBuilder(service.uri("/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"grace\",\"totalCents\":990}")));
        assertThat(created.statusCode()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        awaitProcessed(id);

        JsonNode engine = json.readTree(service.get("/actuator/migrations").body())
                .get("contexts")
                .get("sample-app")
                .get("migrations")
                .get("dataSource");
        assertThat(engine.get("current").get(0).asString()).isEqualTo(HEAD);
        assertThat(engine.get("upToDate").asBoolean()).isTrue();
        assertThat(engine.get("revisions"))
                .allSatisfy(
                        revision -> assertThat(revision.get("state").asString()).isEqualTo("applied"));
        assertThat(service.get("/actuator/prometheus").body())
                .contains(
                        "migrations_pending{datasource=\"dataSource\"} 0.0",
                        "migrations_heads{datasource=\"dataSource\"} 1.0",
                        "migrations_applied_total{datasource=\"dataSource\",direction=\"upgrade\"} 6.0");
        // The database really is PostgreSQL, migrated by this process.
        try (Connection connection = SERVER.connect(SERVER.url(database));
                Statement st = connection.createStatement();
                var rs = st.executeQuery("SELECT version_num FROM alembic_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(HEAD);
        }
    }

    private void awaitProcessed(long id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode order : json.readTree(service.get("/orders").body())) {
                if (order.get("id").asLong() == id
                        && order.get("status").asString().equals("PROCESSED")) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("order " + id + " was not processed");
    }
}
