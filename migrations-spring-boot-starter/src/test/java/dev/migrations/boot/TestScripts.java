package dev.migrations.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes revision scripts for tests. */
public final class TestScripts {
    private TestScripts() {}

    /** Writes {@code <id>_<slug>.sql} with the given parent(s) (empty for a base) and sections. */
    public static Path revision(Path dir, String id, String revises, String upgrade, String downgrade) {
        String text = "-- revision " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises + "\n\n"
                + "-- migrate:upgrade\n" + upgrade + "\n\n-- migrate:downgrade\n" + downgrade + "\n";
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(id + "_step.sql"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A location holding one base revision {@code id} with the upgrade (downgrade {@code SELECT 1;}). */
    public static String oneStep(Path dir, String id, String upgrade) {
        revision(dir, id, "", upgrade, "SELECT 1;");
        return location(dir);
    }

    /** The {@code filesystem:} location of a directory. */
    public static String location(Path dir) {
        return "filesystem:" + dir.toAbsolutePath();
    }
}
