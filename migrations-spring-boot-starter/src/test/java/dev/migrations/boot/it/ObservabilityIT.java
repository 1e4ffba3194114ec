package dev.migrations.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationFailedException;
import dev.migrations.Migrations;
import dev.migrations.boot.MigrationsRunState;
import dev.migrations.boot.it.observed.ObservedApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The endpoint, the health contributor and the Prometheus meters of a real web application on a
 * real PostgreSQL database, over HTTP: at head, with pending revisions, after a failed run, with
 * several heads, with a revision the scripts lack, with an edited script, and after another process
 * moved the database.
 */
class ObservabilityIT {
    private static final String A = "aaaa00000001";
    private static final String B = "bbbb00000002";
    private static final String C = "cccc00000003";
    private static final String X = "ffff00000009";
    private static final String DS = "datasource=\"dataSource\"";

    @TempDir
    Path scripts;

    @TempDir
    Path newerScripts;

    private PostgresDatabase db;
    private ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void createDatabase() throws Exception {
        db = PostgresDatabase.create();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (context != null) {
            context.close();
        }
        db.close();
    }

    @Test
    void atHeadTheEndpointHealthAndMetersAgree() throws Exception {
        revision(scripts, A, "", "CREATE TABLE t (id int);");
        revision(scripts, B, A, "ALTER TABLE t ADD COLUMN name text;");
        start();

        HttpResponse<String> response = get("/actuator/migrations");
        assertThat(response.statusCode()).isEqualTo(200);
        // Boot's envelope: contexts -> <context id> -> migrations -> <DataSource bean name>.
        JsonNode engine = engine(json.readTree(response.body()));
        assertThat(engine.get("versionTable").asString()).isEqualTo("alembic_version");
        assertThat(strings(engine.get("current"))).containsExactly(B);
        assertThat(strings(engine.get("heads"))).containsExactly(B);
        assertThat(strings(engine.get("current"))).isEqualTo(strings(engine.get("heads")));
        assertThat(engine.get("target").asString()).isEqualTo("head");
        assertThat(strings(engine.get("pending"))).isEmpty();
        assertThat(engine.get("upToDate").asBoolean()).isTrue();
        JsonNode lastRun = engine.get("lastRun");
        assertThat(lastRun.get("outcome").asString()).isEqualTo("success");
        assertThat(lastRun.get("command").asString()).isEqualTo("upgrade");
        assertThat(strings(lastRun.get("applied"))).containsExactly(A, B);
        assertThat(lastRun.has("error")).isFalse();
        assertThat(lastRun.get("finishedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode first = revision(engine, A);
        assertThat(first.get("state").asString()).isEqualTo("applied");
        assertThat(first.get("checksum").asString()).isEqualTo("ok");
        assertThat(first.get("message").asString()).isEqualTo("step " + A);
        assertThat(strings(first.get("downRevisions"))).isEmpty();
        assertThat(first.get("appliedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(first.get("durationMs").isNumber()).isTrue();
        assertThat(strings(revision(engine, B).get("downRevisions"))).containsExactly(A);
        // No connection settings anywhere.
        assertThat(response.body()).doesNotContain("jdbc:", "password", db.name());

        JsonNode health = json.readTree(get("/actuator/health").body());
        JsonNode migrations = health.get("components").get("migrations");
        assertThat(migrations.get("status").asString()).isEqualTo("UP");
        assertThat(strings(migrations.get("details").get("current"))).containsExactly(B);

        assertThat(prometheus())
                .contains(
                        "migrations_pending{" + DS + "} 0.0",
                        "migrations_heads{" + DS + "} 1.0",
                        "migrations_info{current=\"" + B + "\"," + DS + ",head=\"" + B + "\"} 1",
                        "migrations_applied_total{" + DS + ",direction=\"upgrade\"} 2.0",
                        "migrations_applied_total{" + DS + ",direction=\"downgrade\"} 0.0",
                        "migrations_run_seconds_count{" + DS + ",direction=\"upgrade\",outcome=\"success\"} 1",
                        "migrations_run_seconds_count{" + DS + ",direction=\"upgrade\",outcome=\"failure\"} 0",
                        "migrations_lock_wait_seconds_count{" + DS + "} 1",
                        "migrations_checksum_mismatches{" + DS + "} 0.0",
                        "migrations_unknown_revisions{" + DS + "} 0.0")
                .containsPattern("migrations_last_run_timestamp_seconds\\{" + DS + "} 1\\.\\d+E9");
    }

    @Test
    void pendingRevisionsTakeTheApplicationOutOfServiceAndShowInTheGauge() throws Exception {
        revision(scripts, A, "", "CREATE TABLE t (id int);");
        revision(scripts, B, A, "ALTER TABLE t ADD COLUMN name text;");
        engine(scripts).upgrade(A);
        start("migrations.mode=none", "migrations.health.down-status=out_of_service");

        JsonNode engine = engine(json.readTree(get("/actuator/migrations").body()));
        assertThat(strings(engine.get("current"))).containsExactly(A);
        assertThat(strings(engine.get("pending"))).containsExactly(B);
        assertThat(engine.get("upToDate").asBoolean()).isFalse();
        assertThat(revision(engine, A).get("state").asString()).isEqualTo("applied");
        assertThat(revision(engine, B).get("state").asString()).isEqualTo("pending");
        assertThat(revision(engine, B).has("checksum")).isFalse();
        assertThat(engine.has("lastRun")).isFalse();

        HttpResponse<String> response = get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode migrations = json.readTree(response.body()).get("components").get("migrations");
        assertThat(migrations.get("status").asString()).isEqualTo("OUT_OF_SERVICE");
        assertThat(strings(migrations.get("details").get("problems")))
                .containsExactly("1 revision(s) pending for target head: " + B);

        assertThat(prometheus()).contains("migrations_pending{" + DS + "} 1.0", "migrations_info{current=\"" + A);
    }

    @Test
    void aFailedRunMakesHealthDownAndCountsAsAFailure() throws Exception {
        revision(scripts, A, "", "CREATE TABLE t (id int);");
        revision(scripts, B, A, "SELECT * FROM no_such_table;");
        start("migrations.mode=none");

        assertThatThrownBy(() -> context.getBean(Migrations.class).upgrade("head"))
                .isInstanceOf(MigrationFailedException.class);

        MigrationsRunState state = context.getBean(MigrationsRunState.class);
        assertThat(state.lastRun().outcome()).isEqualTo(MigrationsRunState.Outcome.FAILURE);
        assertThat(state.lastRun().applied()).containsExactly(A);
        // The refresher reads the database right after a run.
        awaitUntil(() -> state.status() != null && state.status().current().equals(List.of(A)));

        JsonNode engine = engine(json.readTree(get("/actuator/migrations").body()));
        JsonNode lastRun = engine.get("lastRun");
        assertThat(lastRun.get("outcome").asString()).isEqualTo("failure");
        assertThat(strings(lastRun.get("applied"))).containsExactly(A);
        assertThat(lastRun.get("error").asString()).contains(B, "no_such_table");
        assertThat(strings(engine.get("pending"))).containsExactly(B);

        JsonNode migrations =
                json.readTree(get("/actuator/health").body()).get("components").get("migrations");
        assertThat(migrations.get("status").asString()).isEqualTo("DOWN");
        assertThat(strings(migrations.get("details").get("problems")))
                .anySatisfy(problem -> assertThat(problem).startsWith("the last upgrade to head failed: Revision " + B))
                .anySatisfy(problem -> assertThat(problem).isEqualTo("1 revision(s) pending for target head: " + B));

        assertThat(prometheus())
                .contains(
                        "migrations_run_seconds_count{" + DS + ",direction=\"upgrade\",outcome=\"failure\"} 1",
                        "migrations_run_seconds_count{" + DS + ",direction=\"upgrade\",outcome=\"success\"} 0",
                        "migrations_applied_total{" + DS + ",direction=\"upgrade\"} 1.0",
                        "migrations_pending{" + DS + "} 1.0");
    }

    @Test
    void severalHeadsAtTargetHeadsAreUpAndCounted() throws Exception {
        revision(scripts, A, "", "CREATE TABLE t (id int);");
        revision(scripts, B, A, "ALTER TABLE t ADD COLUMN b text;");
        revision(scripts, C, A, "ALTER TABLE t ADD COLUMN c text;");
        start("migrations.target=heads");

        JsonNode engine = engine(json.readTree(get("/actuator/migrations").body()));
        assertThat(strings(engine.get("heads"))).containsExactlyInAnyOrder(B, C);
        assertThat(strings(engine.get("current"))).containsExactlyInAnyOrder(B, C);
        assertThat(engine.get("upToDate").asBoolean()).isTrue();
        assertThat(engine.get("target").asString()).isEqualTo("heads");

        JsonNode migrations =
                json.readTree(get("/actuator/health").body()).get("components").get("migrations");
        assertThat(migrations.get("status").asString()).isEqualTo("UP");
        assertThat(prometheus())
                .contains("migrations_heads{" + DS + "} 2.0", "migrations_pending{" + DS + "} 0.0")
                .containsPattern("migrations_info\\{current=\"[bc0-9,]+\"," + DS + ",head=\"" + B + "," + C + "\"} 1");
    }

    @Test
    void aRevisionTheScriptsLackIsReportedWithoutStoppingTheStart() throws Exception {
        revision(scripts, A, "", "CREATE TABLE t (id int);");
        revision(scripts, B, A, "ALTER TABLE t ADD COLUMN b text;");
        // A newer deployment's scripts have one more revision, and it ran.
        revision(newerScripts, A, "", "CREATE TABLE t (id int);");
        revision(newerScripts, B, A, "ALTER TABLE t ADD COLUMN b text;");
        revision(newerScripts, X, B, "ALTER TABLE t ADD COLUMN x text;");
        engine(newerScripts).upgrade("head");
        start("migrations.tolerate-unknown-revisions=true");

        JsonNode engine = engine(json.readTree(get("/actuator/migrations").body()));
        assertThat(strings(engine.get("current"))).containsExactly(X);
        assertThat(strings(engine.get("unknownRevisions"))).containsExactly(X);
        assertThat(engine.get("upToDate").asBoolean()).isFalse();
        assertThat(engine.has("pending")).isFalse();
        // What ran comes from the history table.
        assertThat(revision(engine, A).get("state").asString()).isEqualTo("applied");
        assertThat(revision(engine, B).get("state").asString()).isEqualTo("applied");

        JsonNode migrations =
                json.readTree(get("/actuator/health").body()).get("components").get("migrations");
        assertThat(migrations.get("status").asString()).isEqualTo("DOWN");
        assertThat(strings(migrations.get("details").get("problems")))
                .containsExactly("the version table names " + X
                        + ", which the scripts do not have (a newer deployment's revisions)");

        assertThat(prometheus())
                .contains(
                        "migrations_unknown_revisions{" + DS + "} 1.0",
                        "migrations_pending{" + DS + "} NaN",
                        "migrations_info{current=\"" + X + "\"," + DS + ",head=\"" + B + "\"} 1");
    }

    @Test
    void anEditedAppliedScriptIsReported() throws Exception {
        revision(scripts, A, "", "CREATE TABLE t (id int);");
        Path edited = revision(scripts, B, A, "ALTER TABLE t ADD COLUMN b text;");
        engine(scripts).upgrade("head");
        Files.writeString(edited, Files.readString(edited).replace("b text", "b varchar(10)"));
        start("migrations.mode=none");

        JsonNode engine = engine(json.readTree(get("/actuator/migrations").body()));
        assertThat(engine.get("upToDate").asBoolean()).isTrue();
        assertThat(strings(engine.get("changedChecksums"))).containsExactly(B);
        assertThat(revision(engine, A).get("checksum").asString()).isEqualTo("ok");
        assertThat(revision(engine, B).get("checksum").asString()).isEqualTo("changed");

        JsonNode migrations =
                json.readTree(get("/actuator/health").body()).get("components").get("migrations");
        assertThat(migrations.get("status").asString()).isEqualTo("DOWN");
        assertThat(strings(migrations.get("details").get("problems")))
                .singleElement()
                .asString()
                .startsWith("revision " + B + " (")
                .endsWith(") changed after it was applied");
        assertThat(prometheus()).contains("migrations_checksum_mismatches{" + DS + "} 1.0");
    }

    @Test
    void aDatabaseUpgradedBehindTheApplicationsBackShowsWithinTheRefreshInterval() throws Exception {
        revision(scripts, A, "", "CREATE TABLE t (id int);");
        revision(scripts, B, A, "ALTER TABLE t ADD COLUMN b text;");
        engine(scripts).upgrade(A);
        start("migrations.mode=none", "migrations.metrics.refresh-interval=200ms");
        assertThat(prometheus()).contains("migrations_pending{" + DS + "} 1.0");

        // Another process (here: another engine on its own connections) upgrades the database.
        engine(scripts).upgrade("head");
        // The info gauge is re-registered just after the state changes, so a scrape may fall between
        // the two: wait for both. awaitScrape gives up after 10 s and the default interval is 30 s, so
        // the change showing at all proves the 200 ms setting was used; no clock on this busy machine
        // has to agree on how fast.
        String scrape = awaitScrape(s -> s.contains("migrations_pending{" + DS + "} 0.0")
                && s.contains("migrations_info{current=\"" + B + "\""));

        assertThat(scrape).contains("migrations_info{current=\"" + B + "\"," + DS + ",head=\"" + B + "\"} 1");
        // The application ran nothing itself.
        assertThat(scrape).contains("migrations_applied_total{" + DS + ",direction=\"upgrade\"} 0.0");
        JsonNode migrations =
                json.readTree(get("/actuator/health").body()).get("components").get("migrations");
        assertThat(migrations.get("status").asString()).isEqualTo("UP");
    }

    // ------------------------------------------------------------------ helpers

    private void start(String... extra) {
        List<String> properties = new ArrayList<>(db.springProperties());
        properties.add("migrations.locations=filesystem:" + scripts.toAbsolutePath());
        properties.add("server.port=0");
        properties.add("spring.main.banner-mode=off");
        properties.add("management.endpoints.web.exposure.include=health,migrations,prometheus");
        properties.add("management.endpoint.health.show-details=always");
        properties.addAll(List.of(extra));
        context = new SpringApplicationBuilder(ObservedApplication.class)
                .properties(properties.toArray(String[]::new))
                .run();
    }

    /** An engine of another process: its own connections, no Spring. */
    private Migrations engine(Path locations) {
        return Migrations.configure()
                .locations("filesystem:" + locations.toAbsolutePath())
                .url(db.url(), db.user(), db.password())
                .load();
    }

    private static Path revision(Path dir, String id, String revises, String upgrade) throws IOException {
        String text = "-- step " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises + "\n\n"
                + "-- migrate:upgrade\n" + upgrade + "\n";
        return Files.writeString(dir.resolve(id + "_step.sql"), text);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String port = context.getEnvironment().getProperty("local.server.port");
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String prometheus() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private String awaitScrape(Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String scrape = prometheus();
        while (!condition.test(scrape) && System.nanoTime() < deadline) {
            Thread.sleep(25);
            scrape = prometheus();
        }
        assertThat(scrape).matches(condition, "the awaited scrape");
        return scrape;
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    /** The one engine of the one context. */
    private static JsonNode engine(JsonNode body) {
        JsonNode contexts = body.get("contexts");
        assertThat(contexts.size()).isEqualTo(1);
        JsonNode engines = contexts.values().iterator().next().get("migrations");
        assertThat(engines.propertyNames()).containsExactly("dataSource");
        return engines.get("dataSource");
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
