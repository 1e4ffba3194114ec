package dev.migrations.internal.adopt;

import dev.migrations.MigrationsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads an XML or YAML changelog in YAML's shape (see {@link XmlTree}): properties, includes and
 * changesets whose changes are {@code sql} or {@code sqlFile}; any other change is refused naming the
 * file, the changeset's id and author.
 */
final class StructuredChangelog {
    /** Changeset attributes this engine models, or that change nothing once a changeset ran. */
    private static final Set<String> KNOWN = Set.of(
            "id",
            "author",
            "runInTransaction",
            "changes",
            "rollback",
            "comment",
            "validCheckSum",
            "created",
            "logicalFilePath");

    /** Attributes about how Liquibase splits and cleans SQL: this engine's own splitting stands in for them. */
    static final Set<String> HARMLESS = Set.of(
            "splitStatements", "stripComments", "endDelimiter", "rollbackSplitStatements", "rollbackEndDelimiter");

    private final LiquibaseImporter importer;
    private final Path file;
    private final String name;

    StructuredChangelog(LiquibaseImporter importer, Path file, String name) {
        this.importer = importer;
        this.file = file;
        this.name = name;
    }

    void read(@Nullable Object tree) {
        Object entries = tree instanceof Map<?, ?> map ? map.get("databaseChangeLog") : null;
        if (!(entries instanceof List<?> list)) {
            throw new MigrationsException(file + " has no databaseChangeLog list; give a Liquibase changelog");
        }
        for (Object entry : list) {
            Map<?, ?> element = map(entry);
            for (Map.Entry<?, ?> item : element.entrySet()) {
                Map<?, ?> body = map(item.getValue());
                switch (String.valueOf(item.getKey())) {
                    case "changeSet" -> importer.add(changeSet(body));
                    case "property" -> importer.placeholders().addDefault(text(body, "name"), text(body, "value"));
                    case "include" -> {
                        String path = text(body, "file");
                        boolean relative = "true".equalsIgnoreCase(String.valueOf(body.get("relativeToChangelogFile")));
                        Path included = relative ? file.resolveSibling(path) : importer.resolve(path);
                        importer.include(included, relative ? sibling(path) : path);
                    }
                    case "includeAll" -> {
                        String path = text(body, "path");
                        boolean relative = "true".equalsIgnoreCase(String.valueOf(body.get("relativeToChangelogFile")));
                        Path dir = relative ? file.resolveSibling(path) : importer.resolve(path);
                        for (Path included : importer.includeAll(dir)) {
                            String shown = (relative ? sibling(path) : path).replaceAll("/?$", "/")
                                    + dir.relativize(included).toString().replace('\\', '/');
                            importer.include(included, shown);
                        }
                    }
                    case "preConditions" ->
                        importer.note(file + ": changelog preconditions are not imported;"
                                + " check by hand that they hold where the revisions will run");
                    default ->
                        throw new MigrationsException(file + ": '" + item.getKey() + "' is not supported by"
                                + " the import; only changeSet, include, includeAll and property are");
                }
            }
        }
    }

    private String sibling(String path) {
        int slash = name.lastIndexOf('/');
        return (slash < 0 ? "" : name.substring(0, slash + 1)) + path;
    }

    private LiquibaseChangeSet changeSet(Map<?, ?> body) {
        String id = text(body, "id");
        String author = text(body, "author");
        List<String> checksumSql = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        String rollback = body.get("rollback") == null ? null : rollback(body.get("rollback"), id, author);
        List<String> notes = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        addValid(valid, body.get("validCheckSum"));
        if (body.containsKey("modifySql")) {
            throw new MigrationsException(file + ": changeset " + id + " by " + author + " has modifySql, which"
                    + " changes the SQL Liquibase ran and cannot be imported as written. Import a copy of the"
                    + " changelog without it and put the SQL 'liquibase update-sql' prints for the changeset into"
                    + " the revision by hand. Nothing was written.");
        }
        for (Map.Entry<?, ?> attribute : body.entrySet()) {
            String key = String.valueOf(attribute.getKey());
            if (!KNOWN.contains(key) && !HARMLESS.contains(key)) {
                notes.add(attribute.getKey() + "=" + attribute.getValue());
            }
        }
        Object changes = body.get("changes");
        for (Object change : changes instanceof List<?> list ? list : List.of()) {
            for (Map.Entry<?, ?> item : map(change).entrySet()) {
                String type = String.valueOf(item.getKey());
                Map<?, ?> attributes = map(item.getValue());
                switch (type) {
                    case "sql" -> {
                        String raw = attributes.get("sql") == null ? "" : String.valueOf(attributes.get("sql"));
                        String expanded = importer.placeholders().replace(raw);
                        checksumSql.add(expanded);
                        append(sql, expanded);
                    }
                    case "sqlFile" -> {
                        String path = text(attributes, "path");
                        boolean relative =
                                "true".equalsIgnoreCase(String.valueOf(attributes.get("relativeToChangelogFile")));
                        String raw = SourceFiles.read(relative ? file.resolveSibling(path) : importer.resolve(path));
                        checksumSql.add(raw);
                        append(sql, importer.placeholders().replace(raw));
                    }
                    case "rollback" -> rollback = rollback(item.getValue(), id, author);
                    case "preConditions" -> notes.add("preconditions");
                    case "validCheckSum" -> addValid(valid, item.getValue());
                    case "modifySql" ->
                        throw new MigrationsException(file + ": changeset " + id + " by " + author + " has modifySql,"
                                + " which changes the SQL Liquibase ran and cannot be imported as written. Import a"
                                + " copy of the changelog without it and put the SQL 'liquibase update-sql' prints"
                                + " for the changeset into the revision by hand. Nothing was written.");
                    default -> throw unsupported(id, author, type);
                }
            }
        }
        if (checksumSql.isEmpty()) {
            throw new MigrationsException(file + ": changeset " + id + " by " + author + " has no sql or sqlFile"
                    + " change; nothing to import. Remove it or give it its SQL.");
        }
        Object comment = body.get("comment");
        return new LiquibaseChangeSet(
                name,
                id,
                author,
                !"false".equalsIgnoreCase(String.valueOf(body.get("runInTransaction"))),
                comment == null ? null : String.valueOf(comment).strip(),
                checksumSql,
                sql.toString(),
                rollback,
                notes,
                valid);
    }

    /** A {@code validCheckSum}: a string, a list of them, or (from XML) an element with its text under its name. */
    private static void addValid(List<String> valid, @Nullable Object value) {
        if (value instanceof List<?> list) {
            list.forEach(item -> addValid(valid, item));
        } else if (value instanceof Map<?, ?> element) {
            addValid(valid, element.get("validCheckSum"));
        } else if (value != null && !String.valueOf(value).isBlank()) {
            valid.add(String.valueOf(value).strip());
        }
    }

    private String rollback(Object value, String id, String author) {
        if (value instanceof String text) {
            return importer.placeholders().replace(text.strip());
        }
        StringBuilder sql = new StringBuilder();
        List<?> changes = value instanceof List<?> list
                ? list
                : map(value).get("changes") instanceof List<?> nested ? nested : List.of(value);
        for (Object change : changes) {
            for (Map.Entry<?, ?> item : map(change).entrySet()) {
                Map<?, ?> body = map(item.getValue());
                switch (String.valueOf(item.getKey())) {
                    case "rollback", "sql" ->
                        append(sql, importer.placeholders().replace(text(body, String.valueOf(item.getKey()))));
                    default -> throw unsupported(id, author, "rollback " + item.getKey());
                }
            }
        }
        return sql.toString();
    }

    private MigrationsException unsupported(String id, String author, String type) {
        return new MigrationsException(file + ": changeset " + id + " by " + author + " uses the change type '" + type
                + "', which cannot be imported: only sql and sqlFile can. Rewrite it as a sql change (the SQL"
                + " 'liquibase update-sql' prints for it), check the MD5SUM in databasechangelog with 'liquibase"
                + " changelog-sync' on a copy, then import again. Nothing was written.");
    }

    private static void append(StringBuilder sql, String statement) {
        String text = statement.strip();
        sql.append(sql.length() == 0 ? "" : "\n").append(text.endsWith(";") ? text : text + ";");
    }

    private Map<?, ?> map(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        if (value instanceof String text) {
            return Map.of("sql", text, "rollback", text);
        }
        throw new MigrationsException(
                file + ": expected a mapping but found " + value + "; is it a Liquibase changelog?");
    }

    private String text(Map<?, ?> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            throw new MigrationsException(
                    file + ": missing '" + key + "' in " + body.keySet() + "; Liquibase requires it");
        }
        return String.valueOf(value);
    }
}
