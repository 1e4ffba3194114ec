package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged service in Spring AOT mode on the JVM ({@code -Dspring.aot.enabled=true}, over what
 * {@code spring-boot:process-aot} generated during {@code package}), on its embedded H2 default: the
 * start-up migration runs from the pre-computed bean definitions, and the endpoint and the meters
 * describe the database, as a native image built from the same output would.
 */
class SampleAotIT {
    private static final String HEAD = "c7e2a94f1d60";

    @Test
    void theAotProcessedServiceMigratesAndServesTheEndpointAndTheMeters() throws Exception {
        try (PackagedService service =
                PackagedService.start("sample-aot-it.log", List.of("-Dspring.aot.enabled=true"), List.of(), Map.of())) {
            assertThat(service.log()).contains("Starting AOT-processed SampleApplication");
            JsonNode engine = JsonMapper.builder()
                    .build()
                    .readTree(service.get("/actuator/migrations").body())
                    .get("contexts")
                    .get("sample-app")
                    .get("migrations")
                    .get("dataSource");
            assertThat(engine.get("current").get(0).asString()).isEqualTo(HEAD);
            assertThat(engine.get("upToDate").asBoolean()).isTrue();
            assertThat(service.get("/actuator/prometheus").body())
                    .contains(
                            "migrations_pending{datasource=\"dataSource\"} 0.0",
                            "migrations_applied_total{datasource=\"dataSource\",direction=\"upgrade\"} 6.0");
        }
    }
}
