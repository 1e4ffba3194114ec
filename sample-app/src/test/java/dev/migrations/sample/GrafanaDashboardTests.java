package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The shipped Grafana dashboard imports as it is (Dashboards, New, Import): an {@code __inputs}
 * entry for the Prometheus data source, which the import fills into the data-source variable, every
 * panel and query reading through that variable (no data source uid of anyone's Grafana), and every
 * {@code $variable} defined. {@link MonitoringQueriesMatchTheMetersTests} checks the queries' meters.
 */
class GrafanaDashboardTests {
    private static final String DATA_SOURCE = "${prometheus}";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    /** Grafana's own variables, usable in any query. */
    private static final Set<String> BUILT_IN = Set.of("__rate_interval", "__range", "__interval");

    @Test
    void theImportAsksForAPrometheusDataSourceAndTheVariableTakesIt() throws Exception {
        JsonNode dashboard = MonitoringQueries.dashboard();
        assertThat(dashboard.path("schemaVersion").asInt()).isEqualTo(39);
        assertThat(dashboard.path("uid").asString()).isNotBlank();
        assertThat(dashboard.path("id").isNull())
                .as("no database id of the exporting Grafana")
                .isTrue();
        JsonNode input = dashboard.path("__inputs").get(0);
        assertThat(input.path("name").asString()).isEqualTo("DS_PROMETHEUS");
        assertThat(input.path("type").asString()).isEqualTo("datasource");
        assertThat(input.path("pluginId").asString()).isEqualTo("prometheus");
        JsonNode variable = variable(dashboard, "prometheus");
        assertThat(variable.path("type").asString()).isEqualTo("datasource");
        assertThat(variable.path("query").asString()).isEqualTo("prometheus");
        assertThat(variable.path("current").path("value").asString()).isEqualTo("${DS_PROMETHEUS}");
        assertThat(variable(dashboard, "datasource").path("type").asString()).isEqualTo("query");
        assertThat(variable(dashboard, "instance").path("type").asString()).isEqualTo("query");
    }

    @Test
    void everyPanelAndQueryReadsThroughTheDataSourceVariable() throws Exception {
        List<String> hardCoded = new ArrayList<>();
        collectDataSources(MonitoringQueries.dashboard(), "", hardCoded);
        assertThat(hardCoded).as("data sources other than %s", DATA_SOURCE).isEmpty();
    }

    @Test
    void everyVariableUsedIsDefined() throws Exception {
        JsonNode dashboard = MonitoringQueries.dashboard();
        Set<String> defined = new HashSet<>(BUILT_IN);
        dashboard
                .path("templating")
                .path("list")
                .forEach(v -> defined.add(v.path("name").asString()));
        dashboard.path("__inputs").forEach(i -> defined.add(i.path("name").asString()));
        Set<String> used = new LinkedHashSet<>();
        collectVariables(dashboard, used);
        assertThat(defined).containsAll(used);
    }

    @Test
    void thePanelsOperatorsAskForAreThereAndEachSaysWhatItShows() throws Exception {
        JsonNode dashboard = MonitoringQueries.dashboard();
        List<String> titles = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("unique id %s", panel.path("id"))
                    .isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            titles.add(panel.path("title").asString());
            assertThat(panel.path("description").asString())
                    .as(panel.path("title").asString())
                    .isNotBlank();
            assertThat(panel.path("targets").isEmpty())
                    .as(panel.path("title").asString())
                    .isFalse();
        }
        assertThat(titles)
                .contains(
                        "Pending revisions per DataSource",
                        "Tenants by state",
                        "Failed tenants",
                        "Run durations",
                        "Lock waits",
                        "Last run age",
                        "Runs failed");
        Set<String> meters = new HashSet<>();
        MonitoringQueries.dashboardQueries()
                .values()
                .forEach(q -> meters.addAll(PromQlReferences.of(q).metrics()));
        assertThat(meters)
                .contains(
                        "migrations_pending",
                        "migrations_tenants",
                        "migrations_run_seconds_count",
                        "migrations_run_seconds_sum",
                        "migrations_tenants_run_seconds_sum",
                        "migrations_lock_wait_seconds_sum",
                        "migrations_last_run_timestamp_seconds");
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("name").asString().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no variable " + name);
    }

    /** Every {@code datasource} reference but the built-in annotation's, which is Grafana's own. */
    private static void collectDataSources(JsonNode node, String path, List<String> hardCoded) {
        if (node.isObject()) {
            JsonNode dataSource = node.path("datasource");
            boolean builtIn = node.path("builtIn").asInt() == 1;
            if (dataSource.isObject()
                    && !builtIn
                    && !dataSource.path("uid").asString().equals(DATA_SOURCE)) {
                hardCoded.add(path + ": " + dataSource);
            }
            node.properties().forEach(e -> collectDataSources(e.getValue(), path + "/" + e.getKey(), hardCoded));
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                collectDataSources(item, path + "/" + i++, hardCoded);
            }
        }
    }

    private static void collectVariables(JsonNode node, Set<String> used) {
        if (node.isString()) {
            Matcher m = VARIABLE.matcher(node.asString());
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        node.values().forEach(child -> collectVariables(child, used));
    }
}
