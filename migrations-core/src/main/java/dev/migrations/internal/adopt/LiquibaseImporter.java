package dev.migrations.internal.adopt;

import dev.migrations.MigrationsException;
import dev.migrations.adopt.ImportResult;
import dev.migrations.adopt.LiquibaseChangelog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Imports a Liquibase changelog: its changesets, in changelog order with includes followed, become a
 * linear chain of revisions. Only SQL changes can be imported; anything else is refused before a file is
 * written.
 */
public final class LiquibaseImporter {
    private final LiquibaseChangelog changelog;
    private final Placeholders placeholders;
    private final List<String> notes = new ArrayList<>();
    private final List<LiquibaseChangeSet> changeSets = new ArrayList<>();

    private LiquibaseImporter(LiquibaseChangelog changelog) {
        this.changelog = changelog;
        this.placeholders = new Placeholders(changelog.placeholders());
    }

    /** Reads the changelog and writes the revisions into {@code target}. */
    public static ImportResult run(LiquibaseChangelog changelog, Path target) {
        RevisionFiles.checkTarget(target);
        LiquibaseImporter importer = new LiquibaseImporter(changelog);
        importer.include(changelog.file(), changelog.file().toString().replace('\\', '/'));
        if (importer.changeSets.isEmpty()) {
            throw new MigrationsException(
                    changelog.file() + " has no changeset; give the root changelog Liquibase runs");
        }
        List<ImportedRevision> revisions = importer.revisions();
        return new ImportResult(RevisionFiles.write(target, revisions), importer.notes);
    }

    /** Reads one changelog file, whatever its format, adding its changesets. */
    void include(Path file, String name) {
        String text = SourceFiles.read(file);
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".sql")) {
            if (!text.isBlank()
                    && !FormattedSqlChangelog.HEADER
                            .matcher(text.lines().findFirst().orElse(""))
                            .matches()) {
                throw new MigrationsException(file + " is not a formatted-SQL changelog: its first line must be"
                        + " '--liquibase formatted sql'; include plain SQL files with a sqlFile change instead");
            }
            changeSets.addAll(FormattedSqlChangelog.read(name, text, placeholders));
        } else if (lower.endsWith(".xml")) {
            new StructuredChangelog(this, file, name).read(XmlTree.parse(file.toString(), text));
        } else if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
            LiquibaseChangelog.YamlParser yaml = changelog.yaml();
            if (yaml == null) {
                throw new MigrationsException(file + ": YAML and JSON changelogs need a YAML parser; import them with"
                        + " the command line ('migrations import liquibase'), which has one");
            }
            Object tree;
            try {
                tree = yaml.parse(text);
            } catch (RuntimeException e) {
                throw new MigrationsException(file + " is not a well-formed YAML/JSON changelog: " + e.getMessage(), e);
            }
            new StructuredChangelog(this, file, name).read(tree);
        } else {
            throw new MigrationsException(file + ": not a changelog Liquibase reads (.xml, .yaml, .yml, .json or a"
                    + " formatted .sql); give the root changelog");
        }
    }

    /** Every file of an {@code includeAll} directory that Liquibase would include, in its order. */
    List<Path> includeAll(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new MigrationsException("includeAll: " + directory + " is not a directory");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches("(?i).*\\.(sql|xml|ya?ml|json)$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new MigrationsException("Cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Where a non-relative include is: from the working directory, else from the root changelog's directories. */
    Path resolve(String path) {
        Path plain = Path.of(path);
        if (Files.exists(plain)) {
            return plain;
        }
        for (Path dir = changelog.file().toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(path))) {
                return dir.resolve(path);
            }
        }
        throw new MigrationsException("Cannot find the included changelog " + path + " (looked in the working"
                + " directory and the root changelog's directories); run the import where Liquibase runs");
    }

    void add(LiquibaseChangeSet changeSet) {
        changeSets.add(changeSet);
    }

    void note(String note) {
        notes.add(note);
    }

    Placeholders placeholders() {
        return placeholders;
    }

    private List<ImportedRevision> revisions() {
        Map<String, LiquibaseChangeSet> seen = new HashMap<>();
        List<ImportedRevision> revisions = new ArrayList<>();
        for (LiquibaseChangeSet set : changeSets) {
            String key = Provenance.liquibaseKey(set.id(), set.author());
            LiquibaseChangeSet previous = seen.putIfAbsent(key, set);
            if (previous != null) {
                throw new MigrationsException("Changeset " + set.id() + " by " + set.author() + " is in "
                        + previous.file()
                        + " and in " + set.file() + "; give one of them another id, then import again. Nothing was"
                        + " written.");
            }
            String dbms = dbms(set.notes());
            if (dbms != null && !forPostgresql(dbms)) {
                notes.add(set.file() + ": changeset " + set.id() + " by " + set.author() + " is for dbms " + dbms
                        + ", not PostgreSQL: not imported (Liquibase does not run it on PostgreSQL either)");
                continue;
            }
            if (!set.notes().isEmpty()) {
                notes.add(set.file() + ": changeset " + set.id() + " by " + set.author() + " has "
                        + String.join(", ", set.notes()) + ", which this engine does not model: every revision runs"
                        + " once, everywhere; review it");
            }
            for (String name : placeholders.unresolved(set.sql())) {
                notes.add(set.file() + ": changeset " + set.id() + " by " + set.author() + " uses ${" + name
                        + "}, left in place; give --placeholder " + name + "=VALUE and import again");
            }
            String message = set.comment() != null && !set.comment().isBlank()
                    ? set.comment().strip().lines().findFirst().orElse("")
                    : "Liquibase changeset " + set.id() + " by " + set.author();
            revisions.add(new ImportedRevision(
                    revisionId(set.id(), set.author()),
                    message,
                    List.of(Provenance.liquibase(
                            set.id(),
                            set.author(),
                            set.file(),
                            Checksums.liquibase(set.checksumSql()),
                            set.validChecksums())),
                    set.runInTransaction(),
                    set.sql(),
                    rollback(set.rollback()),
                    "Changeset " + set.id() + " by " + set.author() + " has no rollback: this downgrade does nothing."
                            + "\nWrite the SQL that undoes the upgrade here before you rely on 'downgrade'."));
        }
        return revisions;
    }

    /** The changeset's {@code dbms} attribute, as noted by the reader ({@code dbms=...} or {@code dbms:...}). */
    private static @Nullable String dbms(List<String> notes) {
        for (String note : notes) {
            if (note.startsWith("dbms=") || note.startsWith("dbms:")) {
                return note.substring(5).strip();
            }
        }
        return null;
    }

    /**
     * Whether Liquibase runs a changeset with this {@code dbms} on PostgreSQL ({@code DbmsChangeSetFilter}): a
     * comma-separated list naming {@code postgresql} or {@code all}, or only exclusions ({@code !oracle}) that do
     * not exclude it; {@code none} runs nowhere.
     */
    static boolean forPostgresql(String dbms) {
        boolean onlyExclusions = true;
        for (String part : dbms.toLowerCase(Locale.ROOT).split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.startsWith("!")) {
                if (name.substring(1).strip().equals("postgresql")) {
                    return false;
                }
            } else {
                onlyExclusions = false;
                if (name.equals("postgresql") || name.equals("all")) {
                    return true;
                }
            }
        }
        return onlyExclusions;
    }

    private static @Nullable String rollback(@Nullable String rollback) {
        if (rollback == null) {
            return null;
        }
        String plain = rollback.strip().toLowerCase(Locale.ROOT);
        return plain.isEmpty() || plain.equals("empty") || plain.equals("not required") ? null : rollback;
    }

    /** {@code lb_} and 12 hex digits of the changeset's id and author: the same on every run. */
    static String revisionId(String id, String author) {
        return "lb_"
                + HexFormat.of()
                        .formatHex(Provenance.sha256(id + "\u0000" + author))
                        .substring(0, 12);
    }
}
