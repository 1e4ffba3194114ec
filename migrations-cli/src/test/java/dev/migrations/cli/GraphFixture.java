package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The graph the {@code graph} tests draw, and their golden files. Two branches leave {@code b}: one
 * labelled {@code orders} ({@code c1}), one ({@code d1}, {@code d2}) whose {@code d2} depends on
 * {@code c1}; {@code m} merges them and {@code e} is the head.
 *
 * <pre>
 * a - b - c1 ------- m - e
 *      \       :    /
 *       d1 - d2 ---
 * </pre>
 *
 * Run with {@code -Dgolden.update=true} to rewrite the golden files from the output (then review the diff).
 */
final class GraphFixture {
    static final Path GOLDEN = Path.of("src/test/resources/graph");

    private GraphFixture() {}

    static void write(Path scripts) throws IOException {
        script(scripts, "a", "create users", "", "", "");
        script(scripts, "b", "add email", "a", "", "");
        script(scripts, "c1", "create orders", "b", "orders", "");
        script(scripts, "d1", "create audit log", "b", "", "");
        script(scripts, "d2", "audit orders", "d1", "", "c1");
        script(scripts, "m", "merge orders and audit", "c1, d2", "", "");
        script(scripts, "e", "add order status", "m", "", "");
    }

    private static void script(Path scripts, String id, String message, String revises, String labels, String dependsOn)
            throws IOException {
        Files.createDirectories(scripts);
        String text = "-- " + message + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises + "\n"
                + (labels.isEmpty() ? "" : "-- Branch Labels: " + labels + "\n")
                + (dependsOn.isEmpty() ? "" : "-- Depends On: " + dependsOn + "\n")
                + "\n-- migrate:upgrade\nSELECT 1;\n\n-- migrate:downgrade\nSELECT 1;\n";
        Files.writeString(scripts.resolve(id + "_rev.sql"), text, StandardCharsets.UTF_8);
    }

    /** Asserts that the output is the golden file's text (or rewrites the file when asked to). */
    static void assertGolden(String name, String output) {
        Path file = GOLDEN.resolve(name);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.writeString(file, output, StandardCharsets.UTF_8);
            }
            assertThat(output)
                    .as("output against %s (-Dgolden.update=true rewrites it)", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
