package dev.migrations.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes revision scripts for tests. */
final class TestScripts {
    private TestScripts() {}

    /** Writes {@code <id>_<slug>.sql} with the given parent(s) (empty for a base) and sections. */
    static Path revision(Path dir, String id, String revises, String upgrade, String downgrade) {
        String text = "-- revision " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises + "\n\n"
                + "-- migrate:upgrade\n" + upgrade + "\n\n-- migrate:downgrade\n" + downgrade + "\n";
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(id + "_step.sql"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code filesystem:} location of a directory. */
    static String location(Path dir) {
        return "filesystem:" + dir.toAbsolutePath();
    }
}
