package dev.migrations.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.reliability.app.ReliabilityApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Secrets and identifiers: passwords never show in CLI output (also with {@code --verbose} stack
 * traces), application logs, failure analyses or the Actuator endpoint; configured identifiers
 * cannot carry SQL; the endpoint is invisible until exposed; the separate migration credentials
 * are used for the run only. Runs on a private server that checks passwords.
 */
class SecurityIT {
    private static final String MIGRATOR_PASSWORD = "Migrator-S3cret-77";
    private static final String APP_PASSWORD = "AppUser-S3cret-88";
    private static final String URL_PASSWORD = "UrlParam-S3cret-99";
    private static PrivatePg server;
    private static Pg admin;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = PrivatePg.start();
        admin = server.admin();
        admin.execute("CREATE ROLE migrator LOGIN PASSWORD '" + MIGRATOR_PASSWORD + "'");
        admin.execute("CREATE ROLE app_user LOGIN PASSWORD '" + APP_PASSWORD + "'");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static final List<String> SECRETS =
            List.of(PrivatePg.PASSWORD, MIGRATOR_PASSWORD, APP_PASSWORD, URL_PASSWORD, "Wrong-S3cret-Given");

    private static void assertNoSecret(String what, String output) {
        for (String secret : SECRETS) {
            assertThat(output).as(what + " must not contain a password").doesNotContain(secret);
        }
    }

    private String database() throws Exception {
        String db = admin.createDatabase("rel_sec");
        admin.execute("ALTER DATABASE " + db + " OWNER TO migrator");
        return db;
    }

    private Path scripts() {
        return Revisions.chain(dir.resolve("db/migrations"), 3, n -> "CREATE TABLE t" + n + " (id int);");
    }

    @Test
    void cliOutputNeverShowsPasswordsEvenWithStackTraces() throws Exception {
        String db = database();
        String scripts = scripts().toString();
        String url = server.url(db);
        List<Jvm.Result> runs = new ArrayList<>();
        // Success, with the password as an option and progress logging on stderr.
        runs.add(Jvm.runCli(
                dir,
                Map.of(),
                "--verbose",
                "--url",
                url,
                "--user",
                "migrator",
                "--password",
                MIGRATOR_PASSWORD,
                "--location",
                scripts,
                "upgrade",
                "head"));
        assertThat(runs.get(0).exit()).as(runs.get(0).all()).isZero();
        runs.add(Jvm.runCli(
                dir,
                Map.of("MIGRATIONS_PASSWORD", MIGRATOR_PASSWORD),
                "--verbose",
                "--url",
                url + "?user=migrator&password=" + MIGRATOR_PASSWORD,
                "--location",
                scripts,
                "current"));
        // Wrong password, password in URL parameters of bad, unreachable and unknown-driver URLs.
        runs.add(Jvm.runCli(
                dir,
                Map.of(),
                "--verbose",
                "--url",
                url,
                "--user",
                "migrator",
                "--password",
                "Wrong-S3cret-Given",
                "--location",
                scripts,
                "upgrade",
                "head"));
        runs.add(Jvm.runCli(
                dir,
                Map.of(),
                "--verbose",
                "--url",
                "jdbc:postgresql://local host:5432/" + db + "?password=" + URL_PASSWORD,
                "--location",
                scripts,
                "upgrade",
                "head"));
        runs.add(Jvm.runCli(
                dir,
                Map.of(),
                "--verbose",
                "--url",
                "jdbc:postgresql://127.0.0.1:1/" + db + "?connectTimeout=2&password=" + URL_PASSWORD,
                "--location",
                scripts,
                "status"));
        runs.add(Jvm.runCli(
                dir,
                Map.of(),
                "--verbose",
                "--url",
                "jdbc:nosuchdriver://host/db;password=" + URL_PASSWORD,
                "--location",
                scripts,
                "upgrade",
                "head"));
        runs.add(Jvm.runCli(
                dir,
                Map.of(),
                "--verbose",
                "--url",
                "jdbc:postgresql://migrator:" + URL_PASSWORD + "@127.0.0.1:1/db",
                "--location",
                scripts,
                "upgrade",
                "head"));
        Path config = dir.resolve("application.properties");
        Files.writeString(
                config,
                "spring.datasource.url=" + url + "\nspring.datasource.username=app_user\n"
                        + "spring.datasource.password=" + APP_PASSWORD + "\nmigrations.url=" + url
                        + "\nmigrations.user=migrator\nmigrations.password=Wrong-S3cret-Given\n");
        runs.add(Jvm.runCli(
                dir, Map.of(), "--verbose", "--config", config.toString(), "--location", scripts, "upgrade", "head"));
        for (int i = 2; i < runs.size(); i++) {
            assertThat(runs.get(i).exit()).as(runs.get(i).all()).isEqualTo(255);
            assertThat(runs.get(i).stdout()).startsWith("FAILED: ");
        }
        assertThat(runs.get(2).stdout()).contains("password authentication failed for user \"migrator\"");
        for (Jvm.Result run : runs) {
            assertNoSecret("CLI output", run.all());
        }
        Report.write(
                "security-cli",
                runs.size() + " CLI runs (success, wrong password, passwords in bad URLs and"
                        + " config, all with --verbose): no password in any output");
        admin.dropDatabase(db);
    }

    @Test
    void applicationLogsAndFailureAnalysisNeverShowPasswords() throws Exception {
        String db = database();
        Jvm.Proc app = Jvm.main(
                dir,
                "app-wrong-password",
                Map.of(),
                List.of(),
                List.of(),
                ReliabilityApp.class.getName(),
                List.of(
                        "--spring.main.web-application-type=none",
                        "--spring.datasource.url=" + server.url(db),
                        "--spring.datasource.username=app_user",
                        "--spring.datasource.password=" + APP_PASSWORD,
                        "--migrations.url=" + server.url(db) + "?password=" + URL_PASSWORD,
                        "--migrations.user=migrator",
                        "--migrations.password=Wrong-S3cret-Given",
                        "--migrations.locations=filesystem:" + scripts(),
                        "--logging.level.dev.migrations=DEBUG"));
        assertThat(app.await(Duration.ofMinutes(2))).isNotZero();
        assertThat(app.stdout() + app.stderr())
                .contains("APPLICATION FAILED TO START")
                .contains("password authentication failed");
        assertNoSecret("application output", app.stdout() + app.stderr());
        admin.dropDatabase(db);
    }

    @Test
    void endpointHidesUntilExposedShowsNoSecretsAndTheMigrationConnectionIsClosed() throws Exception {
        String db = database();
        admin.run(db, "GRANT USAGE ON SCHEMA public TO app_user");
        String[] common = {
            "--server.port=0",
            "--spring.datasource.url=" + server.url(db),
            "--spring.datasource.username=app_user",
            "--spring.datasource.password=" + APP_PASSWORD,
            "--spring.datasource.hikari.maximum-pool-size=2",
            "--migrations.url=" + server.url(db),
            "--migrations.user=migrator",
            "--migrations.password=" + MIGRATOR_PASSWORD,
            "--migrations.locations=filesystem:" + scripts(),
            "--management.endpoints.web.exposure.include=health",
            "--management.endpoint.health.show-details=always"
        };
        HttpClient http = HttpClient.newHttpClient();
        try (ConfigurableApplicationContext hidden = new SpringApplicationBuilder(ReliabilityApp.class).run(common)) {
            String base = "http://localhost:" + hidden.getEnvironment().getProperty("local.server.port");
            assertThat(get(http, base + "/actuator/migrations").statusCode()).isEqualTo(404);
            HttpResponse<String> health = get(http, base + "/actuator/health");
            assertNoSecret("health", health.body());
            // The run is over: the migration user has no session left (the app's own pool stays).
            assertThat(migratorSessions(db))
                    .as("sessions of the migration user after start-up")
                    .isZero();
            assertThat(admin.number(db, "SELECT count(*) FROM pg_stat_activity WHERE usename = 'app_user'"))
                    .isPositive();
        }
        String[] exposed = java.util.Arrays.copyOf(common, common.length + 1);
        exposed[exposed.length - 1] = "--management.endpoints.web.exposure.include=health,migrations";
        try (ConfigurableApplicationContext open = new SpringApplicationBuilder(ReliabilityApp.class).run(exposed)) {
            String base = "http://localhost:" + open.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> body = get(http, base + "/actuator/migrations");
            assertThat(body.statusCode()).isEqualTo(200);
            assertThat(body.body()).contains(Revisions.id(3));
            assertNoSecret("the migrations endpoint", body.body());
            assertThat(body.body()).doesNotContain("migrator:").doesNotContain("password");
        }
        admin.dropDatabase(db);
    }

    /** Sessions of the migration user, waiting (bounded) for ones closing right now. */
    private static long migratorSessions(String db) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long count;
        do {
            count = admin.number(db, "SELECT count(*) FROM pg_stat_activity WHERE usename = 'migrator'");
            if (count > 0) {
                Thread.sleep(100);
            }
        } while (count > 0 && System.nanoTime() < deadline);
        return count;
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void identifiersFromConfigurationCannotCarrySql() throws Exception {
        String db = database();
        String scripts = scripts().toString();
        Map<String, String> env = Map.of(
                "MIGRATIONS_URL",
                server.url(db),
                "MIGRATIONS_USER",
                "migrator",
                "MIGRATIONS_PASSWORD",
                MIGRATOR_PASSWORD);
        admin.run(db, "CREATE TABLE y (id int)");
        for (String table : List.of("x; DROP TABLE y; --", "x\"; DROP TABLE y; --", "x' OR '1'='1", "a.b", "")) {
            Jvm.Result result =
                    Jvm.runCli(dir, env, "--location", scripts, "--version-table", table, "upgrade", "head");
            if (table.isEmpty()) {
                // Blank means the default, as for the property.
                assertThat(result.exit()).as(result.all()).isZero();
                continue;
            }
            assertThat(result.exit()).as(result.all()).isEqualTo(255);
            assertThat(result.stdout()).contains("is not a plain identifier");
        }
        Jvm.Result schema = Jvm.runCli(dir, env, "--location", scripts, "--schema", "public; DROP TABLE y", "current");
        assertThat(schema.stdout()).contains("is not a plain identifier");
        // Mixed case and '$' are valid and quoted in the one place that quotes.
        Jvm.Result mixed =
                Jvm.runCli(dir, env, "--location", scripts, "--version-table", "Mixed_Case$v", "stamp", "head");
        assertThat(mixed.exit()).as(mixed.all()).isZero();
        assertThat(admin.strings(db, "SELECT version_num FROM \"Mixed_Case$v\""))
                .containsExactly(Revisions.id(3));
        assertThat(admin.strings(db, "SELECT to_regclass('y')::text").get(0)).isEqualTo("y");
        Jvm.Proc app = Jvm.main(
                dir,
                "app-injection",
                Map.of(),
                List.of(),
                List.of(),
                ReliabilityApp.class.getName(),
                List.of(
                        "--spring.main.web-application-type=none",
                        "--spring.datasource.url=" + server.url(db),
                        "--spring.datasource.username=migrator",
                        "--spring.datasource.password=" + MIGRATOR_PASSWORD,
                        "--migrations.version-table=x; DROP TABLE y; --",
                        "--migrations.locations=filesystem:" + scripts));
        assertThat(app.await(Duration.ofMinutes(2))).isNotZero();
        assertThat(app.stdout() + app.stderr())
                .contains("APPLICATION FAILED TO START")
                .contains("is not a plain identifier");
        assertThat(admin.strings(db, "SELECT to_regclass('y')::text").get(0)).isEqualTo("y");
        admin.dropDatabase(db);
    }
}
