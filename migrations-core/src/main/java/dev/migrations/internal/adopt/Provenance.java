package dev.migrations.internal.adopt;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.RevisionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The header lines an import writes to say where a revision came from, and reading them back. They are
 * free text of the header (no {@code Key:} at their start), so the script parser ignores them, and they
 * stay true whatever a reviewer changes in the SQL: adoption compares the other tool's history with the
 * checksums of the files that tool ran, not with the revisions' SQL.
 */
final class Provenance {
    private static final Pattern FLYWAY =
            Pattern.compile("Flyway migration V(\\S+) \"(.*)\" \\((.*)\\), checksum (-?\\d+)");
    private static final Pattern FLYWAY_BASELINE = Pattern.compile("Flyway baseline version (\\S+) .*");
    private static final Pattern LIQUIBASE = Pattern.compile(
            "Liquibase changeset \"((?:[^\"]|\"\")*)\" by \"((?:[^\"]|\"\")*)\" in \"((?:[^\"]|\"\")*)\", MD5SUM (\\S+)"
                    + "(?:, also valid: (.+))?");

    private Provenance() {}

    static String flyway(String version, String description, String file, int checksum) {
        return "Flyway migration V" + version + " \"" + description + "\" (" + file + "), checksum " + checksum;
    }

    static String flywayBaseline(String version) {
        return "Flyway baseline version " + version + " (older migrations were not imported)";
    }

    static String liquibase(String id, String author, String file, String checksum, List<String> valid) {
        return "Liquibase changeset \"" + quote(id) + "\" by \"" + quote(author) + "\" in \"" + quote(file)
                + "\", MD5SUM " + checksum + (valid.isEmpty() ? "" : ", also valid: " + String.join(" ", valid));
    }

    private static String quote(String text) {
        return text.replace("\"", "\"\"");
    }

    private static String unquote(String text) {
        return text.replace("\"\"", "\"");
    }

    /**
     * A migration an imported revision stands for.
     *
     * @param key what identifies it in the history: the Flyway version's key, or a changeset's id and author
     * @param name how users name it: {@code V1.2}, or {@code 3 by bob}
     * @param checksum the checksum the tool computes for it
     * @param baseline the Flyway baseline version the import started after, if any
     * @param order its place in the chain
     * @param valid other checksums the tool accepts for it (Liquibase's {@code validCheckSum}; {@code ANY} for all)
     */
    record Imported(
            String key,
            String name,
            String description,
            String checksum,
            String revision,
            @Nullable String baseline,
            int order,
            List<String> valid) {

        /** Whether the tool would take {@code stored} as this migration's checksum. */
        boolean accepts(String stored) {
            return checksum.equals(stored)
                    || valid.stream().anyMatch(v -> v.equals(stored) || v.equalsIgnoreCase("ANY"));
        }
    }

    static String liquibaseKey(String id, String author) {
        return id + "\u0000" + author;
    }

    /** The revisions of this engine imported from the tool, in chain order. */
    static List<Imported> read(Migrations migrations, boolean flyway) {
        List<RevisionInfo> revisions = new ArrayList<>(migrations.graph().history(null));
        Collections.reverse(revisions);
        List<Imported> imported = new ArrayList<>();
        for (RevisionInfo revision : revisions) {
            if (!revision.path().endsWith(".sql")) {
                continue;
            }
            String baseline = null;
            Imported found = null;
            for (String line : headerComments(text(migrations, revision.path()))) {
                Matcher f = FLYWAY.matcher(line);
                Matcher b = FLYWAY_BASELINE.matcher(line);
                Matcher l = LIQUIBASE.matcher(line);
                if (flyway && f.matches()) {
                    FlywayVersion version = FlywayVersion.parse(f.group(1));
                    String key = version == null ? f.group(1) : version.key();
                    found = new Imported(
                            key,
                            "V" + f.group(1),
                            f.group(2),
                            f.group(4),
                            revision.id(),
                            null,
                            imported.size(),
                            List.of());
                } else if (flyway && b.matches()) {
                    baseline = b.group(1);
                } else if (!flyway && l.matches()) {
                    String id = unquote(l.group(1));
                    String author = unquote(l.group(2));
                    found = new Imported(
                            liquibaseKey(id, author),
                            id + " by " + author,
                            unquote(l.group(3)),
                            l.group(4),
                            revision.id(),
                            null,
                            imported.size(),
                            l.group(5) == null
                                    ? List.of()
                                    : List.of(l.group(5).strip().split("\\s+")));
                }
            }
            if (found != null) {
                imported.add(
                        baseline == null
                                ? found
                                : new Imported(
                                        found.key(),
                                        found.name(),
                                        found.description(),
                                        found.checksum(),
                                        found.revision(),
                                        baseline,
                                        found.order(),
                                        found.valid()));
            }
        }
        return imported;
    }

    private static List<String> headerComments(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            if (stripped.isEmpty() && lines.isEmpty()) {
                continue;
            }
            if (!stripped.startsWith("--") || stripped.startsWith("-- migrate:")) {
                break;
            }
            lines.add(stripped.substring(2).strip());
        }
        return lines;
    }

    private static String text(Migrations migrations, String path) {
        try {
            if (path.startsWith("classpath:")) {
                try (InputStream in = migrations.config().classLoader().getResourceAsStream(path.substring(10))) {
                    if (in == null) {
                        throw new MigrationsException("Cannot read revision script " + path);
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            String file = path.startsWith("filesystem:") ? path.substring(11) : path;
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationsException("Cannot read revision script " + path + ": " + e.getMessage(), e);
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
