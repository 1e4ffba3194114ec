package dev.migrations.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes what a test measured to {@code target/reliability/<name>.txt} (and stdout) for docs/reliability.md. */
final class Report {
    private Report() {}

    static void write(String name, String text) {
        System.out.println("[reliability] " + name + ": " + text);
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
