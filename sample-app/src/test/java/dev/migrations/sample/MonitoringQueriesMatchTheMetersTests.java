package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every query of the Grafana dashboard and every alert rule names meters, tags and tag values that
 * the starter really exports: checked against a scrape of the sample with its {@code tenants}
 * profile, where every migrations meter exists (the tenants' included, and every direction and
 * outcome of the run timer from the start). A renamed meter or tag fails here instead of leaving a
 * panel empty or an alert silent.
 */
@SampleWithTenants
class MonitoringQueriesMatchTheMetersTests {
    @LocalServerPort
    int port;

    private ExportedMeters scrape;

    @BeforeEach
    void scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        scrape = ExportedMeters.parse(response.body());
    }

    @Test
    void everyDashboardQueryNamesExportedMetersAndTags() throws Exception {
        assertNamesExported(MonitoringQueries.dashboardQueries());
    }

    @Test
    void everyAlertRuleNamesExportedMetersAndTags() throws Exception {
        assertNamesExported(MonitoringQueries.ruleExpressions());
    }

    private void assertNamesExported(Map<String, String> queries) {
        assertThat(queries).isNotEmpty();
        List<String> problems = new ArrayList<>();
        queries.forEach((where, query) -> {
            // An expression in which the scanner finds no meter would pass vacuously.
            if (PromQlReferences.of(query).metrics().isEmpty()) {
                problems.add(where + ": names no meter: " + query);
            }
            scrape.problems(query).forEach(problem -> problems.add(where + ": " + problem));
        });
        assertThat(problems)
                .as("queries naming what /actuator/prometheus does not export")
                .isEmpty();
    }
}
