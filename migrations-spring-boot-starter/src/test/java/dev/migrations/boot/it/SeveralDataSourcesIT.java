package dev.migrations.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.StartRefusedException;
import dev.migrations.boot.it.app.TableWatcher;
import dev.migrations.boot.it.fleet.FleetApplication;
import dev.migrations.boot.it.fleet.FleetReaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real web application with two PostgreSQL databases declared only in properties ({@code
 * migrations.datasources.*}): both are migrated before the beans and scheduled workers that read
 * them, and the endpoint, health and meters show one entry per DataSource.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeveralDataSourcesIT {
    private static final String ORDERS_REV = "0dd500000001";
    private static final String AUDIT_REV = "a0d100000001";

    private PostgresDatabase orders;
    private PostgresDatabase audit;
    private ConfigurableApplicationContext context;

    /** Scripts of both databases, each in a directory of its own. */
    @TempDir
    Path scripts;

    @BeforeEach
    void createDatabasesAndScripts() throws Exception {
        orders = PostgresDatabase.create();
        audit = PostgresDatabase.create();
        revision(ordersScripts(), ORDERS_REV, "CREATE TABLE orders (item text);\nINSERT INTO orders VALUES ('anvil');");
        revision(
                auditScripts(),
                AUDIT_REV,
                "CREATE TABLE audit_log (event text);\nINSERT INTO audit_log VALUES ('boot');");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (context != null) {
            context.close();
        }
        orders.close();
        audit.close();
    }

    @Test
    void bothDatabasesAreMigratedBeforeTheirReadersAndWorkersAndObservedApart() throws Exception {
        start();

        assertThat(FleetReaders.whatTheReadersRead(context)).containsExactly("anvil", "boot");
        assertThat(context.getBean("ordersWatcher", TableWatcher.class)
                        .firstRun()
                        .get(10, TimeUnit.SECONDS))
                .isEqualTo("orders: anvil");
        assertThat(context.getBean("auditWatcher", TableWatcher.class)
                        .firstRun()
                        .get(10, TimeUnit.SECONDS))
                .isEqualTo("audit_log: boot");
        assertThat(orders.strings("SELECT version_num FROM alembic_version")).containsExactly(ORDERS_REV);
        assertThat(audit.strings("SELECT version_num FROM audit_version")).containsExactly(AUDIT_REV);

        JsonMapper json = JsonMapper.builder().build();
        JsonNode endpoint = json.readTree(get("/actuator/migrations"));
        JsonNode engines = endpoint.get("contexts").get(context.getId()).get("migrations");
        assertThat(engines.propertyNames()).containsExactlyInAnyOrder("ordersDataSource", "auditDataSource");
        assertThat(engines.get("auditDataSource").get("versionTable").asString())
                .isEqualTo("audit_version");
        assertThat(engines.get("ordersDataSource").get("current").get(0).asString())
                .isEqualTo(ORDERS_REV);

        JsonNode health = json.readTree(get("/actuator/health"))
                .get("components")
                .get("migrations")
                .get("components");
        assertThat(health.propertyNames()).containsExactlyInAnyOrder("ordersDataSource", "auditDataSource");
        assertThat(health.get("auditDataSource").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("ordersDataSource").get("status").asString()).isEqualTo("UP");

        assertThat(get("/actuator/prometheus"))
                .contains(
                        "migrations_pending{datasource=\"ordersDataSource\"} 0.0",
                        "migrations_pending{datasource=\"auditDataSource\"} 0.0",
                        "migrations_applied_total{datasource=\"auditDataSource\",direction=\"upgrade\"} 1.0");
    }

    @Test
    void aNameThatMatchesNoDataSourceStopsTheStartBeforeAnyDatabaseIsTouched(CapturedOutput output) throws Exception {
        assertThatThrownBy(() -> start("migrations.datasources.reportingDataSource.locations=classpath:db/none"))
                .isInstanceOf(StartRefusedException.class);
        assertThat(output)
                .contains(
                        "APPLICATION FAILED TO START",
                        "migrations.datasources.reportingDataSource: no DataSource bean is named reportingDataSource;"
                                + " the DataSource beans are ordersDataSource, auditDataSource");
        assertThat(orders.strings("SELECT to_regclass('alembic_version')::text"))
                .containsOnlyNulls();
    }

    private void start(String... extra) {
        List<String> properties = new ArrayList<>(List.of(
                "fleet.orders-url=" + orders.url(),
                "fleet.audit-url=" + audit.url(),
                "fleet.user=" + orders.user(),
                "migrations.lock-wait-timeout=30s",
                "migrations.datasources.ordersDataSource.locations=filesystem:"
                        + ordersScripts().toAbsolutePath(),
                "migrations.datasources.auditDataSource.locations=filesystem:"
                        + auditScripts().toAbsolutePath(),
                "migrations.datasources.auditDataSource.version-table=audit_version",
                "server.port=0",
                "spring.main.banner-mode=off",
                "management.endpoints.web.exposure.include=health,migrations,prometheus",
                "management.endpoint.health.show-details=always"));
        if (orders.password() != null) {
            properties.add("fleet.password=" + orders.password());
        }
        properties.addAll(List.of(extra));
        context = new SpringApplicationBuilder(FleetApplication.class)
                .properties(properties.toArray(String[]::new))
                .run();
    }

    private String get(String path) throws IOException, InterruptedException {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private Path ordersScripts() {
        return scripts.resolve("orders");
    }

    private Path auditScripts() {
        return scripts.resolve("audit");
    }

    private static void revision(Path dir, String id, String upgrade) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(id + "_init.sql"),
                "-- " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: \n\n-- migrate:upgrade\n" + upgrade
                        + "\n\n-- migrate:downgrade\nSELECT 1;\n");
    }
}
