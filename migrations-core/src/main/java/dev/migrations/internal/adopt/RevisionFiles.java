package dev.migrations.internal.adopt;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Writes imported revisions as one linear chain: all of them or none. They are written to a scratch
 * directory and loaded by the engine (every header, section and the graph checked) before any is moved
 * into the target directory.
 */
final class RevisionFiles {
    private static final DateTimeFormatter CREATE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final int SLUG_LENGTH = 40;

    private RevisionFiles() {}

    /** Refuses a target that holds revision scripts already: an import starts a new chain at base. */
    static void checkTarget(Path target) {
        if (!Files.isDirectory(target)) {
            if (Files.exists(target)) {
                throw new MigrationsException(
                        target + " is not a directory; give a directory for the revision scripts");
            }
            return;
        }
        try (Stream<Path> files = Files.list(target)) {
            List<Path> scripts =
                    files.filter(p -> p.toString().endsWith(".sql")).toList();
            if (!scripts.isEmpty()) {
                throw new MigrationsException(target + " already holds " + scripts.size() + " .sql file(s) (e.g. "
                        + scripts.get(0).getFileName() + "); import into an empty directory: the imported revisions"
                        + " start a new history at base");
            }
        } catch (IOException e) {
            throw new MigrationsException("Cannot list " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes the chain and returns the files, in order. */
    static List<Path> write(Path target, List<ImportedRevision> revisions) {
        checkTarget(target);
        String date = LocalDateTime.now(ZoneId.systemDefault()).format(CREATE_DATE);
        @Nullable Path scratch = null;
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            scratch = Files.createTempDirectory(parent, ".import-");
            List<String> names = new ArrayList<>();
            String previous = "";
            for (ImportedRevision revision : revisions) {
                String name = revision.id() + "_" + slug(revision.message()) + ".sql";
                Files.writeString(scratch.resolve(name), render(revision, previous, date), StandardCharsets.UTF_8);
                names.add(name);
                previous = revision.id();
            }
            int loaded = Migrations.configure()
                    .locations("filesystem:" + scratch)
                    .load()
                    .graph()
                    .revisions()
                    .size();
            if (loaded != revisions.size()) {
                throw new IllegalStateException("wrote " + revisions.size() + " revisions, loaded " + loaded);
            }
            Files.createDirectories(target);
            List<Path> written = new ArrayList<>();
            for (String name : names) {
                written.add(Files.move(scratch.resolve(name), target.resolve(name), StandardCopyOption.ATOMIC_MOVE));
            }
            return written;
        } catch (IOException e) {
            throw new MigrationsException(
                    "Could not write the revision scripts to " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    static String render(ImportedRevision revision, String revises, String date) {
        StringBuilder sb = new StringBuilder();
        sb.append("-- ").append(revision.message()).append("\n--\n");
        for (String line : revision.provenance()) {
            sb.append("-- ").append(line).append('\n');
        }
        sb.append("--\n");
        sb.append("-- Revision ID: ").append(revision.id()).append('\n');
        sb.append("-- Revises: ").append(revises).append('\n');
        sb.append("-- Create Date: ").append(date).append('\n');
        if (!revision.transactional()) {
            sb.append("-- Transactional: false\n");
        }
        sb.append("\n-- migrate:upgrade\n").append(withNewline(revision.upgrade()));
        sb.append("\n-- migrate:downgrade\n");
        if (revision.downgrade() != null) {
            sb.append(withNewline(revision.downgrade()));
        } else {
            for (String line : revision.downgradeNote().split("\n", -1)) {
                sb.append("-- ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static String withNewline(String sql) {
        String text = sql.startsWith("\ufeff") ? sql.substring(1) : sql;
        return text.endsWith("\n") ? text : text + "\n";
    }

    /** The file-name slug of a message: its words joined by {@code _}, lower case, cut at a word. */
    static String slug(String message) {
        String slug = String.join("_", message.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .replaceAll("^_+|_+$", "");
        if (slug.length() > SLUG_LENGTH) {
            int cut = slug.lastIndexOf('_', SLUG_LENGTH);
            slug = slug.substring(0, cut > 0 ? cut : SLUG_LENGTH) + "_";
        }
        return slug;
    }

    private static void deleteQuietly(@Nullable Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A scratch directory left behind is harmless; the import's outcome is already decided.
        }
    }
}
