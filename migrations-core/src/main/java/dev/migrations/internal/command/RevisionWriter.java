package dev.migrations.internal.command;

import dev.migrations.MigrationsException;
import dev.migrations.NewRevision;
import dev.migrations.internal.graph.Revision;
import dev.migrations.internal.graph.RevisionMap;
import dev.migrations.internal.runtime.RevisionErrors;
import dev.migrations.internal.script.RevisionScript;
import dev.migrations.internal.script.ScriptParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes new revision files the way Alembic's {@code generate_revision} does, checked before writing. */
final class RevisionWriter {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SLUG_WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern REV_ID = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final DateTimeFormatter CREATE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final int SLUG_LENGTH = 40;

    private final RevisionMap map;
    private final List<RevisionScript> scripts;
    private final List<String> locations;

    RevisionWriter(RevisionMap map, List<RevisionScript> scripts, List<String> locations) {
        this.map = map;
        this.scripts = scripts;
        this.locations = locations;
    }

    static String randomId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String slug(String message) {
        if (message == null) {
            return "";
        }
        List<String> words = new ArrayList<>();
        Matcher m = SLUG_WORD.matcher(message);
        while (m.find()) {
            words.add(m.group());
        }
        String slug = String.join("_", words).toLowerCase(Locale.ROOT);
        if (slug.codePointCount(0, slug.length()) > SLUG_LENGTH) {
            String prefix = slug.substring(0, slug.offsetByCodePoints(0, SLUG_LENGTH));
            int last = prefix.lastIndexOf('_');
            slug = (last >= 0 ? prefix.substring(0, last) : prefix) + "_";
        }
        return slug;
    }

    Path write(NewRevision request) {
        return write(request, "", "");
    }

    /** Writes a revision whose sections hold the given SQL (autogenerate); empty strings give empty sections. */
    Path write(NewRevision request, String upgradeSql, String downgradeSql) {
        String revId = request.revId() != null ? request.revId() : randomId();
        RevisionErrors.defaults().call(() -> new Revision(revId, List.of(), List.of(), List.of()));
        if (!REV_ID.matcher(revId).matches()) {
            throw new MigrationsException("Revision id '" + revId
                    + "' is not valid; use 1 to 32 letters, digits or '_' (new ids are 12 lowercase hex digits)");
        }
        if (map.byId(revId) != null) {
            throw new MigrationsException("Revision " + revId + " already exists; choose another --rev-id");
        }
        List<Revision> heads = RevisionErrors.defaults()
                .multipleHeads("Multiple heads are present; please specify the head revision on which the new"
                        + " revision should be based, or perform a merge.")
                .call(() -> map.getRevisions(request.heads()));
        if (new LinkedHashSet<>(heads).size() != heads.size()) {
            throw new MigrationsException("Duplicate head revisions specified");
        }
        Path directory = versionPath(request.versionPath(), heads);
        if (!request.splice()) {
            for (Revision head : heads) {
                if (head != null && !head.isHead()) {
                    throw new MigrationsException("Revision " + head.id() + " is not a head revision; please specify"
                            + " --splice to create a new branch from this revision");
                }
            }
        }
        List<String> dependsOn = new ArrayList<>();
        for (String dep : request.dependsOn()) {
            Revision rev = RevisionErrors.defaults().call(() -> map.getRevision(dep));
            if (rev == null) {
                throw new MigrationsException("Can't depend on '" + dep + "'; name a revision or a branch label");
            }
            dependsOn.add(rev.branchLabels().contains(dep) ? dep : rev.id());
        }
        List<String> down = new ArrayList<>();
        for (Revision head : heads) {
            if (head != null) {
                down.add(head.id());
            }
        }
        String text = render(request, revId, down, dependsOn)
                + "\n-- migrate:upgrade\n" + (upgradeSql.isEmpty() ? "\n" : upgradeSql)
                + "\n-- migrate:downgrade\n" + (downgradeSql.isEmpty() ? "\n" : downgradeSql);
        Path file = directory.resolve(revId + "_" + slug(request.message()) + ".sql");
        validate(file, text);
        try {
            Files.createDirectories(directory);
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new MigrationsException("Could not write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private Path versionPath(String requested, List<Revision> heads) {
        List<Path> dirs = new ArrayList<>();
        for (String location : locations) {
            if (location.startsWith("classpath:")) {
                continue;
            }
            dirs.add(Path.of(location.startsWith("filesystem:") ? location.substring(11) : location)
                    .toAbsolutePath()
                    .normalize());
        }
        if (dirs.isEmpty()) {
            throw new MigrationsException("No filesystem location to write to; give --location with a directory");
        }
        if (requested == null) {
            if (dirs.size() == 1) {
                return dirs.get(0);
            }
            for (Revision head : heads) {
                // A Java migration's path is its class name, not a directory to write to.
                if (head != null && !scriptOf(head.id()).isJava()) {
                    return Path.of(scriptOf(head.id()).path()).toAbsolutePath().getParent();
                }
            }
            throw new MigrationsException("Multiple version locations present, please specify --version-path");
        }
        Path path = Path.of(requested).toAbsolutePath().normalize();
        if (!dirs.contains(path)) {
            throw new MigrationsException("Path " + requested + " is not represented in current version locations");
        }
        return path;
    }

    private RevisionScript scriptOf(String id) {
        for (RevisionScript script : scripts) {
            if (script.revision().equals(id)) {
                return script;
            }
        }
        throw new IllegalStateException("no script for " + id);
    }

    private static String render(NewRevision request, String revId, List<String> down, List<String> dependsOn) {
        String message = request.message() == null ? "empty message" : request.message();
        StringBuilder sb = new StringBuilder();
        for (String line : message.split("\\R", -1)) {
            sb.append(line.isEmpty() ? "--" : "-- " + line).append('\n');
        }
        sb.append("--\n");
        sb.append("-- Revision ID: ").append(revId).append('\n');
        sb.append("-- Revises: ").append(String.join(", ", down)).append('\n');
        sb.append("-- Create Date: ")
                .append(LocalDateTime.now(java.time.ZoneId.systemDefault()).format(CREATE_DATE))
                .append('\n');
        if (!request.branchLabels().isEmpty()) {
            sb.append("-- Branch Labels: ")
                    .append(String.join(", ", request.branchLabels()))
                    .append('\n');
        }
        if (!dependsOn.isEmpty()) {
            sb.append("-- Depends On: ").append(String.join(", ", dependsOn)).append('\n');
        }
        return sb.toString();
    }

    /** Parses the new file and builds the graph with it before anything is written. */
    private void validate(Path file, String text) {
        RevisionScript script = ScriptParser.parse(file.toString(), text.getBytes(StandardCharsets.UTF_8));
        List<Revision> revisions = new ArrayList<>();
        for (RevisionScript existing : scripts) {
            revisions.add(new Revision(
                    existing.revision(), existing.downRevisions(), existing.dependsOn(), existing.branchLabels()));
        }
        revisions.add(
                new Revision(script.revision(), script.downRevisions(), script.dependsOn(), script.branchLabels()));
        GraphErrors.call(script, () -> new RevisionMap(revisions));
    }

    static Path init(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                try (var entries = Files.list(directory)) {
                    if (entries.findAny().isPresent()) {
                        throw new MigrationsException("Directory " + directory + " already exists and is not empty");
                    }
                }
            } else if (Files.exists(directory)) {
                throw new MigrationsException(directory + " exists and is not a directory");
            }
            Files.createDirectories(directory);
            return directory;
        } catch (IOException e) {
            throw new MigrationsException("Could not create " + directory + ": " + e.getMessage(), e);
        }
    }
}
