package dev.migrations.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the fleet tests share: linear scripts, and the JSON summary read as JSON. */
final class FleetFixture {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private FleetFixture() {}

    /**
     * Writes revisions each revising the one before, each creating a table {@code t_<id>} and running
     * {@code extra} after it (e.g. a sleep).
     */
    static void linear(Path scripts, String extra, String... ids) throws IOException {
        String previous = "";
        for (String id : ids) {
            CliRun.script(
                    scripts, id, previous, "CREATE TABLE t_" + id + " (id int);" + extra, "DROP TABLE t_" + id + ";");
            previous = id;
        }
    }

    /** The JSON a fleet run printed. */
    static JsonNode json(CliRun run) {
        return json(run.out());
    }

    /** The JSON of a fleet run's standard output. */
    static JsonNode json(String out) {
        return MAPPER.readTree(out);
    }

    /** Each tenant's state in a fleet run's JSON, in the order of the run. */
    static Map<String, String> states(JsonNode summary) {
        Map<String, String> states = new LinkedHashMap<>();
        for (JsonNode outcome : summary.get("outcomes").values()) {
            states.put(outcome.get("tenant").asString(), outcome.get("state").asString());
        }
        return states;
    }
}
