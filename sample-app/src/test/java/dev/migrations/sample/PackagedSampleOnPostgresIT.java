package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.testserver.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private String database;
    private Process service;
    private int port;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = SERVER.createDatabase("mig_sample_");
    }

    @AfterEach
    void stopAndDrop() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        SERVER.dropDatabase(database);
    }

    @Test
    void thePackagedServiceMigratesPostgresAndProcessesOrders() throws Exception {
        port = freePort();
        Path log = Path.of("target", "packaged-sample-postgres-it.log");
        List<String> command = new ArrayList<>(List.of(
                javaCommand(),
                "-jar",
                jar().toString(),
                "--spring.profiles.active=postgres",
                "--server.port=" + port,
                "--sample.worker.delay=100ms",
                "--spring.main.banner-mode=off"));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPRING_DATASOURCE_URL", SERVER.url(database));
        builder.environment().put("SPRING_DATASOURCE_USERNAME", USER);
        if (PASSWORD != null) {
            builder.environment().put("SPRING_DATASOURCE_PASSWORD", PASSWORD);
        }
        service = builder.start();

        awaitReady(log);

        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"grace\",\"totalCents\":990}")));
        assertThat(created.statusCode()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        awaitProcessed(id);

        JsonNode engine = json.readTree(send(HttpRequest.newBuilder(uri("/actuator/migrations")))
                        .body())
                .get("contexts")
                .get("sample-app")
                .get("migrations")
                .get("dataSource");
        assertThat(engine.get("current").get(0).asString()).isEqualTo(HEAD);
        assertThat(engine.get("upToDate").asBoolean()).isTrue();
        assertThat(engine.get("revisions"))
                .allSatisfy(
                        revision -> assertThat(revision.get("state").asString()).isEqualTo("applied"));
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus"))).body())
                .contains(
                        "migrations_pending{datasource=\"dataSource\"} 0.0",
                        "migrations_heads{datasource=\"dataSource\"} 1.0",
                        "migrations_applied_total{datasource=\"dataSource\",direction=\"upgrade\"} 6.0");
        // The database really is PostgreSQL, migrated by this process.
        try (Connection connection = connect(SERVER.url(database));
                Statement st = connection.createStatement();
                var rs = st.executeQuery("SELECT version_num FROM alembic_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(HEAD);
        }
    }

    private void awaitReady(Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive())
                    .as("the service exited:%n%s", Files.exists(log) ? Files.readString(log) : "")
                    .isTrue();
            try {
                if (send(HttpRequest.newBuilder(uri("/actuator/health/readiness")))
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not become ready:\n" + Files.readString(log));
    }

    private void awaitProcessed(long id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode order :
                    json.readTree(send(HttpRequest.newBuilder(uri("/orders"))).body())) {
                if (order.get("id").asLong() == id
                        && order.get("status").asString().equals("PROCESSED")) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("order " + id + " was not processed");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Path jar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "sample-app-*.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        }
        throw new AssertionError("no target/sample-app-*.jar: run this test with 'mvn verify' (after 'package')");
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Connection connect(String url) throws SQLException {
        return SERVER.connect(url);
    }
}
