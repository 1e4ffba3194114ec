package dev.migrations.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.migrations.testserver.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the image without Docker, as a container runtime would: its layers unpacked in order into a
 * root directory, its entrypoint started there (util-linux {@code unshare}: the image's root, working
 * directory and user, its environment only, a fresh /proc), against the test PostgreSQL server over
 * TCP. Needs Linux and root (to change root and user); skipped otherwise, except under {@code
 * MIGRATIONS_CI=true} ({@code .ci/run}), where it fails.
 */
class ImageRunIT {
    private static final String UNSHARE = "/usr/bin/unshare";
    private static final int EXIT_USAGE = 2;
    private static final int EXIT_PENDING = 3;
    private static final int EXIT_FAILED = 255;

    @TempDir
    static Path dir;

    private static Path root;
    private static ImageTarball image;
    private static TestPostgres server;
    private static String database;

    record Result(int exitCode, String stdout, String stderr) {}

    @BeforeAll
    static void unpack() throws IOException, SQLException {
        requireRootAndUnshare();
        image = ImageTarball.open(Files.createDirectories(dir.resolve("tarball")));
        root = Files.createDirectories(dir.resolve("rootfs"));
        image.unpackInto(root);
        // The runtime mounts /proc over this; the image itself does not ship it.
        Files.createDirectories(root.resolve("proc"));
        server = TestPostgres.server();
        database = server.createDatabase("image_");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database != null) {
            server.dropDatabase(database);
        }
    }

    @Test
    void versionPrintsTheProjectsVersion() throws Exception {
        Result result = run(Map.of(), "--version");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout().strip()).isEqualTo("migrations " + System.getProperty("project.version"));
    }

    @Test
    void upgradeAppliesTheScriptsOfTheVolumeWithTheConnectionFromTheEnvironment() throws Exception {
        copyScripts();
        Map<String, String> env = connection();

        Result pending = run(env, "status");
        assertThat(pending.exitCode()).as(pending.stdout() + pending.stderr()).isEqualTo(EXIT_PENDING);

        Result upgrade = run(env, "upgrade", "head");
        assertThat(upgrade.exitCode()).as(upgrade.stdout() + upgrade.stderr()).isZero();
        assertThat(upgrade.stderr()).contains("Running upgrade 3f1a9c2e7b40 -> 8d2e4b6a1c93");
        assertThat(query("SELECT version_num FROM alembic_version")).containsExactly("8d2e4b6a1c93");
        assertThat(query("SELECT email FROM accounts ORDER BY id"))
                .containsExactly("ada@example.com", "grace@example.com");

        Result atHead = run(env, "status");
        assertThat(atHead.exitCode()).as(atHead.stdout() + atHead.stderr()).isZero();
    }

    @Test
    void scriptsElsewhereAreFoundThroughTheLocationsVariable() throws Exception {
        copyScripts(root.resolve("opt/release/scripts"));
        Result heads = run(Map.of("MIGRATIONS_LOCATIONS", "filesystem:/opt/release/scripts"), "heads");
        assertThat(heads.exitCode()).as(heads.stdout() + heads.stderr()).isZero();
        assertThat(heads.stdout()).contains("8d2e4b6a1c93 (head)");
    }

    @Test
    void javaToolOptionsReachTheJvm() throws Exception {
        Result result = run(Map.of("JAVA_TOOL_OPTIONS", "-Xmx96m"), "--version");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).contains("Picked up JAVA_TOOL_OPTIONS: -Xmx96m");
    }

    /**
     * The classes of the CLI, of picocli and of the driver (its protocol classes too, which only a run
     * against a server loads) come mapped from the image's archive, not read from the jar: the archive
     * was recorded against this very jar. A user's own JVM options (a heap limit) keep it usable.
     */
    @Test
    void theClisAndTheDriversClassesComeFromTheImagesArchive() throws Exception {
        copyScripts();
        Map<String, String> env = connection();
        env.put("JAVA_TOOL_OPTIONS", "-Xmx256m -Xlog:class+load=info:stderr");
        Result result = run(env, "status");
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isIn(0, EXIT_PENDING);
        assertThat(result.stderr())
                .contains(
                        "dev.migrations.cli.MigrationsCommand source: shared objects file (top)",
                        "picocli.CommandLine source: shared objects file (top)",
                        "dev.migrations.cli.MigrationsCommand$Version source: shared objects file (top)",
                        "dev.migrations.Migrations source: shared objects file (top)",
                        "org.postgresql.Driver source: shared objects file (top)",
                        "org.postgresql.core.v3.QueryExecutorImpl source: shared objects file (top)");
    }

    /**
     * A derived image that replaced a jar (here: only its modification time changed) no longer matches
     * the archive: the JVM starts without it, says so on stderr and leaves stdout to the CLI.
     */
    @Test
    void aJarChangedSinceTheRecordingStartsWithoutTheArchiveAndSaysSoOnStderr() throws Exception {
        Path jar;
        try (Stream<Path> jars = Files.list(root.resolve("app/libs"))) {
            jar = jars.filter(p -> p.getFileName().toString().startsWith("migrations-cli-"))
                    .findFirst()
                    .orElseThrow();
        }
        FileTime recorded = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
        try {
            Result result = run(Map.of(), "--version");
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout().strip()).isEqualTo("migrations " + System.getProperty("project.version"));
            assertThat(result.stderr()).contains("Unable to use shared archive");
        } finally {
            Files.setLastModifiedTime(jar, recorded);
        }
    }

    @Test
    void anUnknownTargetFailsWithTheDocumentedExitCodeAndMessage() throws Exception {
        copyScripts();
        Result result = run(connection(), "upgrade", "0badc0ffee00");
        assertThat(result.exitCode()).isEqualTo(EXIT_FAILED);
        assertThat(result.stdout()).startsWith("FAILED: ").contains("0badc0ffee00");
        assertThat(result.stderr()).as("no stack trace without --verbose").doesNotContain("\tat ");
    }

    @Test
    void aUsageErrorExitsWithTwo() throws Exception {
        Result result = run(Map.of(), "upgrade", "head", "--no-such-option");
        assertThat(result.exitCode()).isEqualTo(EXIT_USAGE);
        assertThat(result.stderr()).contains("--no-such-option");
    }

    @Test
    void whatItWritesBelongsToTheImagesUserNotRoot() throws Exception {
        Result result = run(Map.of(), "init", "/tmp/new-scripts");
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(Files.getAttribute(root.resolve("tmp/new-scripts"), "unix:uid"))
                .isEqualTo(65532);
    }

    /** What a bind mount of the project's db/ over the volume would show the container. */
    private static void copyScripts() throws IOException {
        copyScripts(root.resolve("workspace/db/migrations"));
    }

    private static void copyScripts(Path directory) throws IOException {
        Path target = Files.createDirectories(directory);
        try (Stream<Path> scripts = Files.list(Path.of("src/test/resources/db/migrations"))) {
            for (Path script : scripts.toList()) {
                Files.copy(
                        script, target.resolve(script.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static Map<String, String> connection() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MIGRATIONS_URL", server.url(database));
        env.put("MIGRATIONS_USER", server.user());
        if (server.password() != null) {
            env.put("MIGRATIONS_PASSWORD", server.password());
        }
        return env;
    }

    private static List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.connect(server.url(database));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    /**
     * The image's entrypoint with {@code args}, in its root, working directory and user, with the
     * image's environment plus {@code env} and nothing of this JVM's.
     */
    private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String[] user = image.runConfig().get("User").asString().split(":");
        List<String> command = new ArrayList<>(List.of(
                UNSHARE,
                "--mount",
                "--pid",
                "--fork",
                "--mount-proc",
                "--root=" + root,
                "--wd=" + image.runConfig().get("WorkingDir").asString(),
                "--setuid=" + user[0],
                "--setgid=" + user[1]));
        image.runConfig().get("Entrypoint").forEach(node -> command.add(node.asString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        image.runConfig().get("Env").forEach(node -> {
            String entry = node.asString();
            builder.environment().put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        });
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process =
                builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the image did not finish " + List.of(args) + " in 3 minutes");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void requireRootAndUnshare() {
        String why = null;
        if (!"root".equals(System.getProperty("user.name"))) {
            why = "running the image needs root (to change root directory and user), and this is "
                    + System.getProperty("user.name");
        } else if (!Files.isExecutable(Path.of(UNSHARE))) {
            why = UNSHARE + " (util-linux) is missing";
        }
        if (why != null) {
            if ("true".equalsIgnoreCase(System.getenv("MIGRATIONS_CI"))) {
                fail(why + "; under CI (MIGRATIONS_CI=true) the image must run");
            }
            assumeTrue(false, why + ": not running the image");
        }
    }
}
