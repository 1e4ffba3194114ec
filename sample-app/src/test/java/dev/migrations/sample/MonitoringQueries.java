package dev.migrations.sample;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The PromQL the sample ships for operators: every query of the Grafana dashboard (panel targets and
 * variable queries) and every alert rule's expression, each keyed by where it is, for messages.
 */
final class MonitoringQueries {
    static final Path DASHBOARD = Path.of("src/main/grafana/migrations-dashboard.json");
    static final Path RULES = Path.of("src/main/prometheus/migrations-alerts.yml");

    private MonitoringQueries() {}

    /** The dashboard's JSON model. */
    static JsonNode dashboard() throws IOException {
        return JsonMapper.builder().build().readTree(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
    }

    /** Each panel target's {@code expr} and each query variable's query. */
    static Map<String, String> dashboardQueries() throws IOException {
        JsonNode dashboard = dashboard();
        Map<String, String> queries = new LinkedHashMap<>();
        panelQueries(dashboard.path("panels"), queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asString().equals("query")) {
                JsonNode query = variable.path("query");
                queries.put(
                        "variable " + variable.path("name").asString(),
                        query.isObject() ? query.path("query").asString() : query.asString());
            }
        }
        return queries;
    }

    // Rows, collapsed ones included, hold their panels in a nested list.
    private static void panelQueries(JsonNode panels, Map<String, String> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                // Titles repeat (a stat and a table of failed tenants): the id keeps each query.
                String where = "panel " + panel.path("id").asInt() + " '"
                        + panel.path("title").asString() + "' target "
                        + target.path("refId").asString();
                if (queries.put(where, target.path("expr").asString()) != null) {
                    throw new IllegalStateException("two queries at " + where + " in " + DASHBOARD);
                }
            }
            panelQueries(panel.path("panels"), queries);
        }
    }

    /** Each alert rule's {@code expr}, keyed by the alert's name. */
    static Map<String, String> ruleExpressions() throws IOException {
        Map<String, String> expressions = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(RULES, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            for (Object group : list(map(document).get("groups"))) {
                for (Object rule : list(map(group).get("rules"))) {
                    Map<?, ?> fields = map(rule);
                    Object name = fields.containsKey("alert") ? fields.get("alert") : fields.get("record");
                    expressions.put("rule " + name, String.valueOf(fields.get("expr")));
                }
            }
        }
        return expressions;
    }

    private static Map<?, ?> map(Object node) {
        if (node instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalStateException("expected a mapping in " + RULES + ", found " + node);
    }

    private static List<?> list(Object node) {
        if (node instanceof List<?> list) {
            return list;
        }
        throw new IllegalStateException("expected a list in " + RULES + ", found " + node);
    }
}
