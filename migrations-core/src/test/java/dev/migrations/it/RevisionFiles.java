package dev.migrations.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes revision scripts (DESIGN §3 format) into a test's directory. By default a revision {@code x}
 * creates table {@code t_x} and drops it on downgrade, so a test can see which scripts ran.
 */
final class RevisionFiles {
    private final Path dir;

    RevisionFiles(Path dir) {
        this.dir = dir;
    }

    /** Starts a revision with id {@code id}, written to {@code <id>_rev.sql}. */
    Rev rev(String id) {
        return new Rev(id);
    }

    /** Writes plain revisions: each revises the one before, the first is a base. */
    void linear(String... ids) {
        String previous = null;
        for (String id : ids) {
            Rev rev = rev(id);
            if (previous != null) {
                rev.revises(previous);
            }
            rev.write();
            previous = id;
        }
    }

    Path path(String id) {
        return dir.resolve(id + "_rev.sql");
    }

    /** The 1-based line of the first line of {@code id}'s script that contains {@code text}. */
    int lineOf(String id, String text) {
        List<String> lines = read(path(id)).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + path(id));
    }

    /** Lowercase hex SHA-256 of the script's bytes, computed independently of the engine. */
    String checksum(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path(id))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void append(String id, String text) {
        try {
            Files.writeString(path(id), read(path(id)) + text, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One revision script being described. */
    final class Rev {
        private final String id;
        private final List<String> revises = new ArrayList<>();
        private final List<String> dependsOn = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();
        private boolean transactional = true;
        private String upgrade;
        private String downgrade;
        private boolean hasDowngrade = true;

        private Rev(String id) {
            this.id = id;
            this.upgrade = "CREATE TABLE t_" + id + " (id INT);\n";
            this.downgrade = "DROP TABLE t_" + id + ";\n";
        }

        Rev revises(String... ids) {
            revises.addAll(Arrays.asList(ids));
            return this;
        }

        Rev dependsOn(String... ids) {
            dependsOn.addAll(Arrays.asList(ids));
            return this;
        }

        Rev labels(String... names) {
            labels.addAll(Arrays.asList(names));
            return this;
        }

        Rev nonTransactional() {
            transactional = false;
            return this;
        }

        /** Replaces the upgrade section's statements. */
        Rev upgrade(String sql) {
            upgrade = sql;
            return this;
        }

        /** Replaces the downgrade section's statements. */
        Rev downgrade(String sql) {
            downgrade = sql;
            return this;
        }

        Rev withoutDowngrade() {
            hasDowngrade = false;
            return this;
        }

        Path write() {
            StringBuilder text = new StringBuilder();
            text.append("-- Revision ").append(id).append('\n');
            text.append("--\n");
            text.append("-- Revision ID: ").append(id).append('\n');
            if (!revises.isEmpty()) {
                text.append("-- Revises: ").append(String.join(", ", revises)).append('\n');
            }
            if (!dependsOn.isEmpty()) {
                text.append("-- Depends On: ")
                        .append(String.join(", ", dependsOn))
                        .append('\n');
            }
            if (!labels.isEmpty()) {
                text.append("-- Branch Labels: ")
                        .append(String.join(", ", labels))
                        .append('\n');
            }
            if (!transactional) {
                text.append("-- Transactional: false\n");
            }
            text.append("\n-- migrate:upgrade\n").append(upgrade);
            if (hasDowngrade) {
                text.append("\n-- migrate:downgrade\n").append(downgrade);
            }
            try {
                Files.createDirectories(dir);
                return Files.writeString(path(id), text.toString(), UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
