package dev.migrations.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The image as a registry or {@code docker load} sees it: its configuration (what {@code docker run}
 * starts, as whom, where) and what each layer holds, so a release changes only the layers it must.
 */
class ImageTarballIT {
    private static final String MAIN_CLASS = "dev.migrations.cli.MigrationsCommand";

    @TempDir
    static Path dir;

    private static ImageTarball image;
    /** Each layer's listing ({@code tar -tv}), bottom first. */
    private static List<List<String>> layers;

    @BeforeAll
    static void open() throws IOException {
        image = ImageTarball.open(dir);
        layers = new ArrayList<>();
        for (Path layer : image.layers()) {
            layers.add(ImageTarball.listing(layer));
        }
    }

    @Test
    void theEntrypointRunsTheCliWithTheImagesJvmOptions() {
        List<String> entrypoint = strings(image.runConfig().get("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).endsWith("-cp", "@/app/jib-classpath-file", MAIN_CLASS);
        assertThat(entrypoint).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        assertThat(image.runConfig().get("Cmd"))
                .as("no default command: the arguments are the CLI's")
                .isNull();
        assertThat(env()).containsEntry("LANG", "C.UTF-8");
        assertThat(env().get("PATH")).startsWith("/opt/java/openjdk/bin:");
    }

    @Test
    void itRunsAsTheNonRootUserItsPasswdNames() {
        String user = image.runConfig().get("User").asString();
        assertThat(user).isEqualTo("65532:65532");
        assertThat(paths(layerHolding("etc/passwd"))).contains("etc/passwd", "etc/group");
    }

    @Test
    void scriptsGoInTheWorkspacesVolumeWhereTheDefaultLocationPoints() {
        assertThat(image.runConfig().get("WorkingDir").asString()).isEqualTo("/workspace");
        List<String> volumes = new ArrayList<>();
        image.runConfig().get("Volumes").propertyNames().forEach(volumes::add);
        // The CLI's default location is db/migrations, relative to the working directory.
        assertThat(volumes).containsExactly("/workspace/db");
        assertThat(paths(layerHolding("workspace/db/migrations/"))).contains("workspace/db/migrations/");
    }

    @Test
    void theCliJarAndTheRuntimeEachHaveTheirOwnLayer() {
        assertThat(layers).hasSize(4);
        List<String> cli = paths(layerHolding("app/libs/migrations-cli-"));
        assertThat(cli)
                .as("the shaded jar bin/migrations runs, alone: its picocli classes are the archivable ones")
                .filteredOn(p -> !p.endsWith("/"))
                .singleElement()
                .satisfies(p -> assertThat(p).matches("app/libs/migrations-cli-.*-all\\.jar"));
        List<String> runtime = paths(layerHolding("opt/java/openjdk/bin/java"));
        assertThat(runtime)
                .as("the jlink runtime, the libraries it loads and the dynamic loader")
                .contains("opt/java/openjdk/lib/server/libjvm.so", "opt/java/openjdk/lib/modules")
                .anyMatch(p -> p.matches("lib/x86_64-linux-gnu/libc\\.so\\.\\d+"))
                .anyMatch(p -> p.matches("lib64/ld-linux-x86-64\\.so\\.\\d+"));
        assertThat(runtime).noneMatch(p -> p.startsWith("app/"));
        // The JDK writes a different archive on every run: none in this layer keeps its digest the same.
        assertThat(runtime).noneMatch(p -> p.endsWith(".jsa"));
    }

    @Test
    void theArchiveOfTheClisClassesHasALayerOfItsOwnAndTheEntrypointNamesIt() {
        List<String> entrypoint = strings(image.runConfig().get("Entrypoint"));
        List<String> archiveFlags = entrypoint.stream()
                .filter(flag -> flag.startsWith("-XX:SharedArchiveFile="))
                .toList();
        assertThat(archiveFlags).as("the entrypoint's archive flag").hasSize(1);
        String archive = archiveFlags.get(0).substring("-XX:SharedArchiveFile=".length());
        // Before the class path: a JVM option, not an argument of the CLI.
        assertThat(entrypoint.indexOf(archiveFlags.get(0))).isLessThan(entrypoint.indexOf("-cp"));
        assertThat(entrypoint.subList(0, entrypoint.indexOf("-cp")))
                .as("a JVM that refuses the archive starts without it")
                .contains("-Xshare:auto", "-Xlog:cds*=off", "-Xlog:cds*=warning:stderr");
        assertThat(archive).startsWith("/").endsWith(".jsa");
        // With the runtime's archive, in a layer of their own: its digest changes with every build
        // (docs/container-image.md), the others' do not.
        assertThat(paths(layerHolding(archive.substring(1))))
                .filteredOn(p -> !p.endsWith("/"))
                .containsExactlyInAnyOrder(archive.substring(1), "opt/java/openjdk/lib/server/classes.jsa");
        assertThat(layers.indexOf(layerHolding(archive.substring(1))))
                .as("above the runtime and the jars it was recorded against")
                .isEqualTo(layers.size() - 1);
    }

    @Test
    void executablesAreExecutableAndTmpIsWritable() {
        Map<String, String> modes = modes(layerHolding("opt/java/openjdk/bin/java"));
        assertThat(modes.get("opt/java/openjdk/bin/java")).startsWith("-rwxr-xr-x");
        assertThat(modes.entrySet())
                .filteredOn(e -> e.getKey().matches("lib64/ld-linux-x86-64\\.so\\.\\d+"))
                .allMatch(e -> e.getValue().startsWith("-rwxr-xr-x"));
        assertThat(modes.get("tmp/")).startsWith("drwxrwxrwx");
    }

    @Test
    void everyFileLandsUnderADirectoryAnImageShouldHave() {
        for (List<String> layer : layers) {
            assertThat(paths(layer))
                    .as("no build-machine paths copied in")
                    .allMatch(p -> p.matches("(app|etc|lib|lib64|opt|tmp|workspace)(/.*)?"), "under a known root");
        }
    }

    @Test
    void theClassPathNamesOnlyJarsTheLayersHold() throws IOException {
        Path root = dir.resolve("classpath-check");
        Files.createDirectories(root);
        image.unpackInto(root);
        String classPath =
                Files.readString(root.resolve("app/jib-classpath-file")).strip();
        for (String entry : classPath.split(":")) {
            if (entry.endsWith(".jar")) {
                assertThat(root.resolve(entry.substring(1))).isRegularFile();
            }
        }
        assertThat(Files.readString(root.resolve("app/jib-main-class-file")).strip())
                .isEqualTo(MAIN_CLASS);
    }

    private static List<String> layerHolding(String path) {
        return layers.stream()
                .filter(layer -> paths(layer).stream().anyMatch(p -> p.startsWith(path)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no layer holds " + path));
    }

    /** The paths of a {@code tar -tv} listing (the last column; no link targets in these layers). */
    private static List<String> paths(List<String> listing) {
        return listing.stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .collect(Collectors.toList());
    }

    private static Map<String, String> modes(List<String> listing) {
        Map<String, String> modes = new TreeMap<>();
        for (String line : listing) {
            if (!line.isBlank()) {
                modes.put(line.substring(line.lastIndexOf(' ') + 1), line.substring(0, 10));
            }
        }
        return modes;
    }

    private static Map<String, String> env() {
        Map<String, String> env = new TreeMap<>();
        for (String entry : strings(image.runConfig().get("Env"))) {
            int eq = entry.indexOf('=');
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return env;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asString()));
        return strings;
    }
}
