package dev.migrations.internal.adopt;

import dev.migrations.MigrationsException;
import dev.migrations.adopt.FlywayProject;
import dev.migrations.adopt.ImportResult;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Imports a Flyway project: its versioned SQL migrations, in Flyway's version order, become a linear
 * chain of revisions; undo scripts become downgrades; everything Flyway runs that cannot be imported is
 * reported with what to do instead.
 */
public final class FlywayImporter {
    /** {@code V1_2__Add_users.sql}: prefix, version, {@code __}, description, as Flyway's default naming. */
    private static final Pattern SQL_NAME = Pattern.compile("([VUB])([^_]*(?:_(?!_)[^_]*)*)__(.*)\\.sql");

    private static final Pattern REPEATABLE = Pattern.compile("R__(.*)\\.sql");
    private static final Pattern JAVA_NAME = Pattern.compile("([VR])\\d*.*__.*\\.(java|kt|class)");
    private static final int MAX_ID = 32;

    private final FlywayProject project;
    private final List<String> notes = new ArrayList<>();

    private FlywayImporter(FlywayProject project) {
        this.project = project;
    }

    /** Reads the project and writes the revisions into {@code target}. */
    public static ImportResult run(FlywayProject project, Path target) {
        RevisionFiles.checkTarget(target);
        FlywayImporter importer = new FlywayImporter(project);
        List<ImportedRevision> revisions = importer.revisions();
        if (revisions.isEmpty()) {
            throw new MigrationsException("No versioned Flyway migration (V<version>__<description>.sql) found in "
                    + project.locations() + "; give the directories Flyway reads with --from");
        }
        return new ImportResult(RevisionFiles.write(target, revisions), importer.notes);
    }

    /** A versioned script found, with its undo script if any. */
    private record Script(
            FlywayVersion version,
            String description,
            Path file,
            @Nullable Path undo) {}

    private List<ImportedRevision> revisions() {
        FlywayVersion baseline = baseline();
        Map<FlywayVersion, Script> scripts = new TreeMap<>();
        Map<FlywayVersion, Path> undos = new TreeMap<>();
        for (Path file : files()) {
            classify(file, scripts, undos);
        }
        for (Map.Entry<FlywayVersion, Path> undo : undos.entrySet()) {
            Script script = scripts.get(undo.getKey());
            if (script == null) {
                notes.add(undo.getValue() + ": an undo script without a versioned script of version "
                        + undo.getKey().text() + "; not imported");
            } else {
                scripts.put(
                        undo.getKey(),
                        new Script(script.version(), script.description(), script.file(), undo.getValue()));
            }
        }
        Placeholders placeholders = new Placeholders(project.placeholders());
        List<ImportedRevision> revisions = new ArrayList<>();
        for (Script script : scripts.values()) {
            if (baseline != null && script.version().compareTo(baseline) <= 0) {
                notes.add(script.file() + ": at or below baselineVersion " + baseline.text()
                        + ", not imported (databases baselined there adopt without it)");
                continue;
            }
            revisions.add(revision(script, placeholders, revisions.isEmpty() ? baseline : null));
        }
        return revisions;
    }

    private @Nullable FlywayVersion baseline() {
        String given = project.baselineVersion();
        if (given == null) {
            return null;
        }
        FlywayVersion version = FlywayVersion.parse(given);
        if (version == null) {
            throw new MigrationsException("--baseline-version '" + given
                    + "' is not a Flyway version; use digits separated by dots or underscores, e.g. 1 or 2.1");
        }
        return version;
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path location : project.locations()) {
            if (!Files.isDirectory(location)) {
                throw new MigrationsException("Flyway location " + location + " is not a directory; give the"
                        + " directory of the V<version>__<description>.sql scripts (Flyway's locations)");
            }
            // Not only regular files: a script that is a dangling link must fail the import, not vanish from it.
            try (Stream<Path> walk = Files.walk(location)) {
                walk.filter(file -> !Files.isDirectory(file)).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new MigrationsException("Cannot list " + location + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    private void classify(Path file, Map<FlywayVersion, Script> scripts, Map<FlywayVersion, Path> undos) {
        String name = file.getFileName().toString();
        Matcher sql = SQL_NAME.matcher(name);
        if (REPEATABLE.matcher(name).matches()) {
            notes.add(file + ": a repeatable migration, not imported: this engine runs each revision once. Put"
                    + " its SQL in a new revision (revision -m ...) whenever it changes, or keep it out of"
                    + " migrations (e.g. recreate views and functions at deployment)");
        } else if (JAVA_NAME.matcher(name).matches()) {
            notes.add(file + ": a Java migration, not imported: write it as a Java migration of this engine"
                    + " (@Migration, see docs/java-migrations.md) revising the imported revision before it");
        } else if (sql.matches()) {
            FlywayVersion version = FlywayVersion.parse(sql.group(2));
            if (version == null || sql.group(2).isEmpty()) {
                throw new MigrationsException(file + ": '" + sql.group(2) + "' is not a Flyway version (digits"
                        + " separated by dots or underscores); rename the file as Flyway would accept it");
            }
            switch (sql.group(1)) {
                case "V" -> {
                    Script previous = scripts.putIfAbsent(
                            version, new Script(version, sql.group(3).replace('_', ' '), file, null));
                    if (previous != null) {
                        throw duplicate(version, previous.file(), file);
                    }
                }
                case "U" -> {
                    Path previous = undos.putIfAbsent(version, file);
                    if (previous != null) {
                        throw duplicate(version, previous, file);
                    }
                }
                default ->
                    notes.add(file + ": a Flyway baseline migration, not imported; databases it created"
                            + " adopt at its version, and new ones need the versioned scripts it replaces");
            }
        } else if (name.endsWith(".sql")) {
            notes.add(file + ": not a Flyway migration name (V<version>__<description>.sql), ignored as Flyway"
                    + " ignores it");
        }
    }

    private static MigrationsException duplicate(FlywayVersion version, Path first, Path second) {
        return new MigrationsException("Two Flyway scripts have version " + version.text() + ": " + first + " and "
                + second + "; Flyway refuses this too. Renumber one, then import again. Nothing was written.");
    }

    private ImportedRevision revision(Script script, Placeholders placeholders, @Nullable FlywayVersion baseline) {
        String text = SourceFiles.read(script.file(), project.encoding());
        Properties config = config(script.file());
        boolean replace = !"false"
                .equalsIgnoreCase(
                        config.getProperty("placeholderReplacement", "true").strip());
        String upgrade = replace ? placeholders.replace(text) : text;
        reportPlaceholders(script.file(), upgrade, replace);
        String downgrade = null;
        if (script.undo() != null) {
            String undo = SourceFiles.read(script.undo(), project.encoding());
            downgrade = replace ? placeholders.replace(undo) : undo;
            reportPlaceholders(script.undo(), downgrade, replace);
        }
        boolean transactional = transactional(script, config, text);
        List<String> provenance = new ArrayList<>();
        provenance.add(Provenance.flyway(
                script.version().text(),
                script.description(),
                script.file().getFileName().toString(),
                Checksums.flyway(text)));
        if (baseline != null) {
            provenance.add(Provenance.flywayBaseline(baseline.text()));
        }
        String message =
                script.description().isBlank() ? "Flyway V" + script.version().text() : script.description();
        return new ImportedRevision(
                revisionId(script.version()),
                message,
                provenance,
                transactional,
                upgrade,
                downgrade,
                "Flyway has no undo script for V" + script.version().text() + ": this downgrade does nothing."
                        + "\nWrite the SQL that undoes the upgrade here before you rely on 'downgrade'.");
    }

    private boolean transactional(Script script, Properties config, String text) {
        String configured = config.getProperty("executeInTransaction");
        if (configured != null) {
            return !"false".equalsIgnoreCase(configured.strip());
        }
        String statement = NonTransactional.firstIn(text);
        if (statement != null && NonTransactional.statementWords(text).size() > 1) {
            notes.add(script.file() + ": runs outside a transaction because of '" + statement + "', with other"
                    + " statements: a failure part-way leaves the earlier ones applied; consider one statement"
                    + " per revision");
        }
        return statement == null;
    }

    private void reportPlaceholders(Path file, String sql, boolean replaced) {
        Set<String> names = new Placeholders(List.of()).unresolved(sql);
        if (!names.isEmpty() && replaced) {
            List<String> options =
                    names.stream().map(n -> "--placeholder " + n + "=VALUE").toList();
            notes.add(file + ": placeholders left in place: ${" + String.join("}, ${", names) + "}; give "
                    + String.join(" ", options) + " and import again, or edit the revision");
        }
    }

    /** The script's {@code .sql.conf} file, as Flyway reads it; empty without one. */
    private static Properties config(Path script) {
        Path conf = script.resolveSibling(script.getFileName() + ".conf");
        Properties properties = new Properties();
        if (Files.isRegularFile(conf)) {
            try {
                properties.load(new StringReader(SourceFiles.read(conf)));
            } catch (IOException e) {
                throw new MigrationsException("Cannot read " + conf + ": " + e.getMessage(), e);
            }
        }
        return properties;
    }

    /** {@code v1_2} for version 1.2: readable, and the same on every run. */
    static String revisionId(FlywayVersion version) {
        String id = "v" + version.text().replace('.', '_');
        if (id.length() <= MAX_ID) {
            return id;
        }
        return "v" + HexFormat.of().formatHex(Provenance.sha256(version.key())).substring(0, MAX_ID - 1);
    }
}
