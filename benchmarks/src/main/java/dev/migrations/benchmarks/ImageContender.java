package dev.migrations.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image as a Kubernetes Job starts it, without Docker: the layers of {@code
 * migrations-cli-image/target/migrations-cli-image.tar} unpacked once, in order, into a root
 * directory, and its entrypoint started there with util-linux {@code unshare} (that root, the
 * working directory, the image's user, a fresh /proc), as {@code ImageRunIT} runs it. The image's
 * network is the host's, so the JVM reaches the benchmark's server as the launcher does.
 *
 * <p>Present only when the tarball was built ({@code mvn -Pimage -pl migrations-cli-image -am
 * package}) and this runs as root on Linux; the process section then times it beside {@code
 * bin/migrations}.
 */
final class ImageContender {
    static final Path TARBALL = Path.of("migrations-cli-image/target/migrations-cli-image.tar");
    private static final String UNSHARE = "/usr/bin/unshare";
    private static final String ARCHIVE_FLAG = "-XX:SharedArchiveFile=";
    /** The jlink runtime's own archive (the JDK's classes only), which the dynamic one is recorded on. */
    private static final String BASE_ARCHIVE = "/opt/java/openjdk/lib/server/classes.jsa";

    private final Path root;
    private final List<String> entrypoint;
    private final String user;
    private final String workingDir;
    private final List<String> env;

    private ImageContender(Path root, List<String> entrypoint, String user, String workingDir, List<String> env) {
        this.root = root;
        this.entrypoint = entrypoint;
        this.user = user;
        this.workingDir = workingDir;
        this.env = env;
    }

    /** The unpacked image, or empty (with the reason on stdout) when it cannot be run here. */
    static Optional<ImageContender> unpack(ToolRunner runner) throws IOException, InterruptedException {
        String why = null;
        if (!Files.isRegularFile(TARBALL)) {
            why = TARBALL + " is not built (mvn -B -Pimage -pl migrations-cli-image -am package -DskipTests)";
        } else if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of(UNSHARE))) {
            why = "running it needs root and " + UNSHARE;
        }
        if (why != null) {
            System.out.println("  the container image is not timed: " + why);
            return Optional.empty();
        }
        Path dir = Files.createTempDirectory("bench-image");
        Path tarball = Files.createDirectories(dir.resolve("tarball"));
        Path root = Files.createDirectories(dir.resolve("root"));
        runner.runProcess(List.of("tar", "-xf", TARBALL.toAbsolutePath().toString(), "-C", tarball.toString()));
        JsonMapper json = new JsonMapper();
        JsonNode manifest =
                json.readTree(tarball.resolve("manifest.json").toFile()).get(0);
        for (String layer : strings(manifest.get("Layers"))) {
            runner.runProcess(List.of(
                    "tar",
                    "--warning=no-unknown-keyword",
                    "-xpzf",
                    tarball.resolve(layer).toString(),
                    "-C",
                    root.toString()));
        }
        Files.createDirectories(root.resolve("proc"));
        JsonNode config = json.readTree(
                        tarball.resolve(manifest.get("Config").asString()).toFile())
                .get("config");
        List<String> entrypoint = strings(config.get("Entrypoint"));
        if (entrypoint.stream().noneMatch(flag -> flag.startsWith(ARCHIVE_FLAG))) {
            throw new IllegalStateException(
                    "the image's entrypoint names no class-data-sharing archive: " + entrypoint);
        }
        return Optional.of(new ImageContender(
                root,
                entrypoint,
                config.get("User").asString(),
                config.get("WorkingDir").asString(),
                strings(config.get("Env"))));
    }

    /** Copies a directory of scripts into the image's root as {@code name}; returns where the container sees it. */
    String scripts(Path dir, String name) throws IOException {
        Path target = root.resolve("workspace/bench").resolve(name);
        if (!Files.isDirectory(target)) {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.copy(
                            file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return "/workspace/bench/" + name;
    }

    /**
     * The entrypoint with {@code args}; {@code ownArchive} false points it at the runtime's JDK archive
     * instead of the image's archive of the CLI's classes (the image as it was before that archive).
     */
    List<String> command(boolean ownArchive, List<String> args) {
        String[] ids = user.split(":");
        // The image's environment (its PATH finds its java) over the benchmark's, which keeps the password.
        List<String> command = new ArrayList<>(List.of("env"));
        command.addAll(env);
        command.addAll(List.of(
                UNSHARE,
                "--mount",
                "--pid",
                "--fork",
                "--mount-proc",
                "--root=" + root,
                "--wd=" + workingDir,
                "--setuid=" + ids[0],
                "--setgid=" + ids[1]));
        for (String part : entrypoint) {
            command.add(ownArchive || !part.startsWith(ARCHIVE_FLAG) ? part : ARCHIVE_FLAG + BASE_ARCHIVE);
        }
        command.addAll(args);
        return command;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asString()));
        return strings;
    }
}
