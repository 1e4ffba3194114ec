package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar {@code package} builds and the class-data-sharing archive recorded for it, as {@code
 * bin/migrations} starts them: the classes of a run come from the archive, picocli's and the CLI's
 * own included (docs/command-line.md, "How bin/migrations starts").
 */
class CdsArchiveIT {
    private static final Path TARGET = Path.of("target");
    private static final String FROM_ARCHIVE = " source: shared objects file (top)";

    @TempDir
    Path dir;

    @Test
    void everyClassOfTheJarIsInAFormatTheArchiveCanHold() throws IOException {
        List<String> old = new ArrayList<>();
        try (JarFile jar = new JarFile(shadedJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        byte[] head = in.readNBytes(8);
                        if (((head[6] & 0xff) << 8 | (head[7] & 0xff)) < 50) {
                            old.add(entry.getName());
                        }
                    }
                }
            }
        }
        assertThat(old)
                .as("class files older than Java 6, which JDK 17 leaves out of the archive")
                .isEmpty();
    }

    @Test
    void aRunOfTheLauncherTakesPicocliTheCliAndTheEngineFromTheArchive() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(
                scripts.resolve("a1_first.sql"),
                "-- Revision ID: a1\n\n-- migrate:upgrade\nCREATE TABLE t (id INT);\n",
                StandardCharsets.UTF_8);
        Path classes = dir.resolve("classes.log");
        Path launcher = Path.of("..", "bin", "migrations");
        ProcessBuilder builder = new ProcessBuilder(
                        launcher.toString(),
                        "--location=filesystem:" + scripts,
                        "--dialect=postgresql",
                        "upgrade",
                        "head",
                        "--sql")
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("MIGRATIONS_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8))
                .contains("CREATE TABLE t (id INT);");

        List<String> loaded = Files.readAllLines(classes, StandardCharsets.UTF_8);
        assertThat(loaded)
                .as("where the run's classes came from")
                .anyMatch(line -> line.endsWith(" picocli.CommandLine" + FROM_ARCHIVE))
                .anyMatch(line -> line.endsWith(" dev.migrations.cli.MigrationsCommand" + FROM_ARCHIVE))
                // Implements a picocli interface: archived only with picocli's classes.
                .anyMatch(line -> line.endsWith(" dev.migrations.cli.MigrationsCommand$Version" + FROM_ARCHIVE))
                .anyMatch(line -> line.endsWith(" dev.migrations.cli.UpgradeCommand" + FROM_ARCHIVE))
                .anyMatch(line -> line.endsWith(" dev.migrations.internal.script.ScriptParser" + FROM_ARCHIVE))
                .noneMatch(line -> line.contains(" picocli.") && line.endsWith(".jar"));
    }

    private static Path shadedJar() throws IOException {
        try (var files = Files.list(TARGET)) {
            return files.filter(p -> p.getFileName().toString().matches("migrations-cli-.*-all\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("no migrations-cli-*-all.jar in target/: run package"));
        }
    }
}
