package dev.migrations.internal.adopt;

import dev.migrations.MigrationsException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a formatted-SQL changelog as Liquibase's {@code AbstractFormattedChangeLogParser} does: the lines
 * between two {@code --changeset} lines are the changeset's SQL, except the directive lines Liquibase takes
 * out ({@code --rollback}, {@code --comment}, preconditions, valid checksums).
 */
final class FormattedSqlChangelog {
    static final Pattern HEADER = Pattern.compile("\\s*--\\s*liquibase\\s*formatted.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGESET = Pattern.compile(
            "\\s*--[\\s]*changeset\\s+(\"[^\"]+\"|[^:]+):\\s*(\"[^\"]+\"|\\S+)(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROPERTY =
            Pattern.compile("\\s*--[\\s]*property\\s+(.*:.*)\\s+(.*:.*).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK = Pattern.compile("\\s*--[\\s]*rollback (.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK_START =
            Pattern.compile("\\s*/\\*\\s*liquibase\\s*rollback\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLLBACK_END = Pattern.compile(".*\\s*\\*/\\s*$");
    private static final Pattern DIRECTIVE = Pattern.compile(
            "--[\\s]*(comment:? .*|validCheckSum:? .*)|\\s*--[\\s]*precondition.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMMENT = Pattern.compile("--[\\s]*comment:? (.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VALID = Pattern.compile("--[\\s]*validCheckSum:? (.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+):(\\S+)");

    private final String file;
    private final Placeholders placeholders;
    private final List<LiquibaseChangeSet> changeSets = new ArrayList<>();

    private @Nullable Open open;

    private FormattedSqlChangelog(String file, Placeholders placeholders) {
        this.file = file;
        this.placeholders = placeholders;
    }

    /** A changeset being read. */
    private static final class Open {
        final String id;
        final String author;
        final List<String> valid = new ArrayList<>();
        final String attributes;
        final int line;
        final StringBuilder sql = new StringBuilder();
        final StringBuilder rollback = new StringBuilder();

        @Nullable
        String comment;

        Open(String id, String author, String attributes, int line) {
            this.id = id;
            this.author = author;
            this.attributes = attributes;
            this.line = line;
        }
    }

    static List<LiquibaseChangeSet> read(String file, String text, Placeholders placeholders) {
        FormattedSqlChangelog reader = new FormattedSqlChangelog(file, placeholders);
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            i = reader.line(lines, i);
        }
        reader.close();
        return reader.changeSets;
    }

    /** Reads line {@code i} (and any it consumes), returning the index of the last line consumed. */
    private int line(String[] lines, int i) {
        String line = lines[i];
        Matcher changeSet = CHANGESET.matcher(line);
        Matcher property = PROPERTY.matcher(line);
        if (property.matches()) {
            String name = property.group(1).replaceFirst("(?i)^name:", "");
            String value = property.group(2).replaceFirst("(?i)^value:", "");
            placeholders.addDefault(name.strip(), value.strip());
        } else if (changeSet.matches()) {
            close();
            open = new Open(unquote(changeSet.group(2)), unquote(changeSet.group(1)), changeSet.group(3), i + 1);
        } else if (open == null) {
            return i;
        } else if (ROLLBACK.matcher(line).matches()) {
            Matcher rollback = ROLLBACK.matcher(line);
            rollback.matches();
            open.rollback.append(rollback.group(1)).append('\n');
        } else if (ROLLBACK_START.matcher(line).matches()) {
            int j = i + 1;
            for (; j < lines.length && !ROLLBACK_END.matcher(lines[j]).matches(); j++) {
                open.rollback.append(lines[j]).append('\n');
            }
            if (j == lines.length) {
                throw new MigrationsException(file + " line " + (i + 1) + ": the '/* liquibase rollback' comment is"
                        + " not closed; end it with */ as Liquibase requires");
            }
            open.rollback.append(lines[j].replaceFirst("\\*/\\s*$", "")).append('\n');
            return j;
        } else if (DIRECTIVE.matcher(line).matches()) {
            Matcher comment = COMMENT.matcher(line);
            Matcher valid = VALID.matcher(line);
            if (comment.matches()) {
                open.comment = comment.group(1).strip();
            } else if (valid.matches()) {
                open.valid.add(valid.group(1).strip());
            }
        } else {
            open.sql.append(line).append('\n');
        }
        return i;
    }

    private void close() {
        Open set = open;
        if (set == null) {
            return;
        }
        open = null;
        String sql = placeholders.replace(set.sql.toString().strip());
        if (sql.isEmpty()) {
            throw new MigrationsException(file + " line " + set.line + ": changeset " + set.id + " by " + set.author
                    + " has no SQL; Liquibase refuses it too. Add its SQL or remove the changeset.");
        }
        boolean runInTransaction = true;
        List<String> notes = new ArrayList<>();
        Matcher attribute = ATTRIBUTE.matcher(set.attributes);
        while (attribute.find()) {
            String name = attribute.group(1);
            String value = attribute.group(2);
            if (name.equalsIgnoreCase("runInTransaction")) {
                runInTransaction = !value.equalsIgnoreCase("false");
            } else if (!StructuredChangelog.HARMLESS.contains(name)) {
                notes.add(name + ":" + value);
            }
        }
        String rollback = set.rollback.toString().strip();
        changeSets.add(new LiquibaseChangeSet(
                file,
                set.id,
                set.author,
                runInTransaction,
                set.comment,
                List.of(sql),
                sql,
                rollback.isEmpty() ? null : placeholders.replace(rollback),
                notes,
                set.valid));
    }

    private static String unquote(String text) {
        String stripped = text.strip();
        return stripped.length() > 1 && stripped.startsWith("\"") && stripped.endsWith("\"")
                ? stripped.substring(1, stripped.length() - 1)
                : stripped;
    }
}
