package dev.migrations.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The scripts of {@link StartupBenchmark}: the same revisions for the migrations starter and for
 * Flyway, at the tools' default locations under a classpath root, optionally packed into a jar.
 */
final class StartupScripts {
    private StartupScripts() {}

    /** Revision i creates table bench_r0000i with an index, as an engine script and as a Flyway script. */
    static void generate(Path root, int n) throws IOException {
        Path engine = Files.createDirectories(root.resolve("db/migrations"));
        Path flyway = Files.createDirectories(root.resolve("db/migration"));
        for (int i = 1; i <= n; i++) {
            String id = String.format(Locale.ROOT, "r%05d", i);
            String table = "bench_" + id;
            String sql = "CREATE TABLE " + table
                    + " (id BIGINT PRIMARY KEY, name TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now());\n"
                    + "CREATE INDEX ix_" + table + "_name ON " + table + " (name);\n";
            StringBuilder text = new StringBuilder()
                    .append("-- Benchmark revision ")
                    .append(i)
                    .append("\n--\n-- Revision ID: ")
                    .append(id)
                    .append('\n');
            if (i > 1) {
                text.append("-- Revises: ")
                        .append(String.format(Locale.ROOT, "r%05d", i - 1))
                        .append('\n');
            }
            text.append("\n-- migrate:upgrade\n")
                    .append(sql)
                    .append("\n-- migrate:downgrade\nDROP TABLE ")
                    .append(table)
                    .append(";\n");
            Files.writeString(engine.resolve(id + "_bench.sql"), text.toString(), StandardCharsets.UTF_8);
            Files.writeString(
                    flyway.resolve("V" + i + "__bench_" + id + ".sql"),
                    "-- Benchmark revision " + i + "\n" + sql,
                    StandardCharsets.UTF_8);
        }
    }

    /** A jar of the tree under root, with directory entries (class loaders find directories by them). */
    static void writeJar(Path root, Path jar) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !p.equals(root))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (Path path : paths) {
                String name = root.relativize(path).toString().replace('\\', '/');
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
