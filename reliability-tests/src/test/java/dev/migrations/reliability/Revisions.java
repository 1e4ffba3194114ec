package dev.migrations.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntFunction;

/** Writes revision scripts for the tests: a linear chain {@code r0001 -> r0002 -> ...}. */
public final class Revisions {
    private Revisions() {}

    /** The id of the n-th revision (1-based). */
    public static String id(int n) {
        return String.format(Locale.ROOT, "r%04d", n);
    }

    /**
     * Writes {@code count} revisions into {@code dir}; revision n's upgrade section is {@code
     * upgrade.apply(n)}, its downgrade a no-op.
     */
    public static Path chain(Path dir, int count, IntFunction<String> upgrade) {
        return chain(dir, count, upgrade, n -> true);
    }

    /** Like {@link #chain(Path, int, IntFunction)}, with a per-revision {@code Transactional} flag. */
    public static Path chain(
            Path dir, int count, IntFunction<String> upgrade, java.util.function.IntPredicate transactional) {
        try {
            Files.createDirectories(dir);
            for (int n = 1; n <= count; n++) {
                String text = "-- Step " + n + "\n--\n-- Revision ID: " + id(n) + "\n-- Revises: "
                        + (n == 1 ? "" : id(n - 1)) + "\n-- Create Date: 2026-11-24 12:00:00.000000\n"
                        + "-- Transactional: " + transactional.test(n) + "\n\n-- migrate:upgrade\n"
                        + upgrade.apply(n) + "\n\n-- migrate:downgrade\nSELECT 1;\n";
                Files.writeString(dir.resolve(id(n) + "_step.sql"), text, StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
