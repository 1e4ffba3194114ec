package dev.migrations.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image tarball the build wrote (Jib's {@code buildTar}: {@code manifest.json}, the config and one
 * gzipped tar per layer), unpacked with the system's {@code tar} as a container runtime unpacks it.
 */
final class ImageTarball {
    /** Where the build writes it (the module's POM, {@code outputPaths.tar}). */
    static final Path TARBALL = Path.of("target/migrations-cli-image.tar");

    private final Path dir;
    private final JsonNode manifest;
    private final JsonNode config;

    private ImageTarball(Path dir, JsonNode manifest, JsonNode config) {
        this.dir = dir;
        this.manifest = manifest;
        this.config = config;
    }

    /** Unpacks the tarball into {@code dir} and reads its manifest and config. */
    static ImageTarball open(Path dir) throws IOException {
        assertThat(TARBALL)
                .as("the image tarball (built in 'package' with -Pimage)")
                .isRegularFile();
        run(List.of("tar", "-xf", TARBALL.toAbsolutePath().toString(), "-C", dir.toString()));
        JsonMapper json = new JsonMapper();
        JsonNode manifest = json.readTree(dir.resolve("manifest.json").toFile()).get(0);
        JsonNode config =
                json.readTree(dir.resolve(manifest.get("Config").asString()).toFile());
        return new ImageTarball(dir, manifest, config);
    }

    JsonNode manifest() {
        return manifest;
    }

    /** The image's run configuration: Entrypoint, User, Env, WorkingDir, Volumes, Labels. */
    JsonNode runConfig() {
        return config.get("config");
    }

    JsonNode config() {
        return config;
    }

    /** The layers' files, bottom first. */
    List<Path> layers() {
        List<Path> layers = new ArrayList<>();
        for (JsonNode layer : manifest.get("Layers")) {
            layers.add(dir.resolve(layer.asString()));
        }
        return layers;
    }

    /** What a layer holds, as {@code tar -tvzf} lists it: mode, owner, size, date, path. */
    static List<String> listing(Path layer) {
        return List.of(run(List.of("tar", "--warning=no-unknown-keyword", "-tvzf", layer.toString()))
                .split("\n"));
    }

    /** Unpacks every layer, in order, into {@code root} (modes kept: we unpack as root). */
    void unpackInto(Path root) {
        for (Path layer : layers()) {
            run(List.of("tar", "--warning=no-unknown-keyword", "-xpzf", layer.toString(), "-C", root.toString()));
        }
    }

    static String run(List<String> command) {
        try {
            Path output = Files.createTempFile("image-tar", ".out");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not finish in 5 minutes");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                assertThat(process.exitValue()).as("%s: %s", command, text).isZero();
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
