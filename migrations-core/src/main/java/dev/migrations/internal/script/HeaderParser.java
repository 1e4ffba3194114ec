package dev.migrations.internal.script;

import dev.migrations.ScriptException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the header of a revision script: the first block of {@code --} lines. Its first line
 * is the message; free text may follow it; then come {@code Key: value} fields.
 */
final class HeaderParser {

    /** A {@code Key: value} line: up to three words, a colon, the value. */
    private static final Pattern FIELD = Pattern.compile("([A-Za-z][A-Za-z0-9_]*(?:\\s+[A-Za-z0-9_]+){0,2})\\s*:(.*)");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");
    private static final int MAX_ID_LENGTH = 32;

    /** The header keys, with the spelling used in messages. */
    enum Key {
        REVISION_ID("Revision ID"),
        REVISES("Revises"),
        CREATE_DATE("Create Date"),
        BRANCH_LABELS("Branch Labels"),
        DEPENDS_ON("Depends On"),
        TRANSACTIONAL("Transactional");

        final String label;
        private final String normalized;

        Key(String label) {
            this.label = label;
            this.normalized = normalize(label);
        }

        /** Finds a key case- and whitespace-insensitively ("revision id", "RevisionID"). */
        static Key find(String written) {
            String normalized = normalize(written);
            for (Key key : values()) {
                if (key.normalized.equals(normalized)) {
                    return key;
                }
            }
            return null;
        }

        /** Without whitespace, lower case; a loop rather than a regex: it runs for every header line. */
        private static String normalize(String key) {
            StringBuilder sb = new StringBuilder(key.length());
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (!Character.isWhitespace(c)) {
                    sb.append(c);
                }
            }
            return sb.toString().toLowerCase(Locale.ROOT);
        }
    }

    /** One field as written. */
    private record Field(String value, int line) {}

    /**
     * The parsed header.
     *
     * @param end index (in the file's lines) of the first line after the header
     */
    record Header(
            String message,
            String revision,
            List<String> downRevisions,
            List<String> dependsOn,
            List<String> branchLabels,
            String createDate,
            boolean transactional,
            int end) {}

    private final String path;
    private final List<SourceLine> lines;

    private HeaderParser(String path, List<SourceLine> lines) {
        this.path = path;
        this.lines = lines;
    }

    /** Parses the header at the top of {@code lines}; {@code -- migrate:} lines end it. */
    static Header parse(String path, List<SourceLine> lines) {
        return new HeaderParser(path, lines).parse();
    }

    private Header parse() {
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        int end = first;
        while (end < lines.size() && lines.get(end).isComment() && !ScriptParser.isMarker(lines.get(end))) {
            end++;
        }
        List<SourceLine> header = lines.subList(first, end);
        int headerLine = first < lines.size() ? lines.get(first).number() : 1;
        if (header.isEmpty()) {
            throw missingRevisionId(headerLine);
        }
        // A header that starts straight with a field has no message.
        boolean startsWithField = knownField(header.get(0)) != null;
        String message = startsWithField ? "" : header.get(0).commentText();
        Map<Key, Field> fields = fields(header.subList(startsWithField ? 0 : 1, header.size()));
        Field revision = fields.get(Key.REVISION_ID);
        if (revision == null) {
            throw missingRevisionId(headerLine);
        }
        return new Header(
                message,
                revisionId(revision),
                ids(fields.get(Key.REVISES), Key.REVISES, "revision identifier"),
                ids(fields.get(Key.DEPENDS_ON), Key.DEPENDS_ON, "revision identifier"),
                ids(fields.get(Key.BRANCH_LABELS), Key.BRANCH_LABELS, "branch label"),
                createDate(fields.get(Key.CREATE_DATE)),
                transactional(fields.get(Key.TRANSACTIONAL)),
                end);
    }

    /**
     * Collects the fields. Free text may precede the first known key, but a {@code Key: value}
     * line with an unknown key in the paragraph right above it (no blank {@code --} line between)
     * is taken for a misspelt field, and so is one anywhere when no known key follows at all.
     */
    private Map<Key, Field> fields(List<SourceLine> body) {
        int firstField = 0;
        while (firstField < body.size() && knownField(body.get(firstField)) == null) {
            firstField++;
        }
        int paragraphStart = firstField;
        while (paragraphStart > 0 && !body.get(paragraphStart - 1).commentText().isEmpty()) {
            paragraphStart--;
        }
        if (firstField == body.size()) {
            paragraphStart = 0;
        }
        for (SourceLine line : body.subList(paragraphStart, firstField)) {
            Matcher field = FIELD.matcher(line.commentText());
            if (field.matches() && !isLintDirective(line.commentText())) {
                throw unknownKey(line, field.group(1).strip());
            }
        }
        Map<Key, Field> fields = new EnumMap<>(Key.class);
        for (SourceLine line : body.subList(firstField, body.size())) {
            addField(fields, line);
        }
        return fields;
    }

    private void addField(Map<Key, Field> fields, SourceLine line) {
        String text = line.commentText();
        if (text.isEmpty() || isLintDirective(text)) {
            return;
        }
        Matcher field = FIELD.matcher(text);
        if (!field.matches()) {
            throw new ScriptException(
                    path,
                    line.number(),
                    "expected a header field like 'Revises: 1975ea83b712' but found '" + text
                            + "'; once the fields have started every header line must be 'Key: value' (put free"
                            + " text above the first field, or end the header with an empty line)");
        }
        String written = field.group(1).strip();
        Key key = Key.find(written);
        if (key == null) {
            throw unknownKey(line, written);
        }
        Field previous = fields.putIfAbsent(key, new Field(field.group(2).strip(), line.number()));
        if (previous != null) {
            throw new ScriptException(
                    path,
                    line.number(),
                    "duplicate header key '" + key.label + "' (already given at line " + previous.line()
                            + "); keep only one");
        }
    }

    /** A {@code -- lint:ignore-file ...} comment: the lint's, allowed anywhere in the header. */
    private static boolean isLintDirective(String commentText) {
        return commentText.regionMatches(true, 0, "lint:", 0, "lint:".length());
    }

    private static Key knownField(SourceLine line) {
        Matcher field = FIELD.matcher(line.commentText());
        return field.matches() ? Key.find(field.group(1)) : null;
    }

    private String revisionId(Field field) {
        if (field.value().isEmpty()) {
            throw new ScriptException(
                    path,
                    field.line(),
                    "'Revision ID' has no value; give the revision's id, like '-- Revision ID: 6eef61f13528'");
        }
        checkId(field, Key.REVISION_ID, "revision identifier", field.value());
        return field.value();
    }

    /** A comma-separated list; empty, absent or {@code None} (as Alembic writes it) is empty. */
    private List<String> ids(Field field, Key key, String kind) {
        if (field == null || field.value().equalsIgnoreCase("none")) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String part : field.value().split(",", -1)) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            checkId(field, key, kind, id);
            if (!ids.add(id)) {
                throw new ScriptException(
                        path,
                        field.line(),
                        "'" + key.label + "' lists '" + id + "' more than once; list each " + kind + " once");
            }
        }
        return new ArrayList<>(ids);
    }

    private void checkId(Field field, Key key, String kind, String id) {
        if (!ID.matcher(id).matches()) {
            Set<Integer> bad = new TreeSet<>();
            id.codePoints()
                    .filter(c -> !ID.matcher(Character.toString(c)).matches())
                    .forEach(bad::add);
            String chars = bad.stream().map(Character::toString).collect(Collectors.joining(", "));
            throw new ScriptException(
                    path,
                    field.line(),
                    "Character(s) '" + chars + "' not allowed in " + kind + " '" + id + "' ('" + key.label
                            + "'); use only letters, digits and '_' (Alembic forbids '@', '-', '+' and ':'"
                            + " in ids and labels because its target syntax uses them)");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new ScriptException(
                    path,
                    field.line(),
                    kind + " '" + id + "' ('" + key.label + "') is " + id.length() + " characters long; at most "
                            + MAX_ID_LENGTH + " are allowed (the version table stores ids in a VARCHAR(32))");
        }
    }

    private static String createDate(Field field) {
        return field == null || field.value().isEmpty() ? null : field.value();
    }

    private boolean transactional(Field field) {
        if (field == null || field.value().equalsIgnoreCase("true")) {
            return true;
        }
        if (field.value().equalsIgnoreCase("false")) {
            return false;
        }
        throw new ScriptException(
                path, field.line(), "'Transactional' must be true or false, not '" + field.value() + "'");
    }

    private ScriptException unknownKey(SourceLine line, String written) {
        String allowed = List.of(Key.values()).stream().map(k -> k.label).collect(Collectors.joining(", "));
        return new ScriptException(
                path,
                line.number(),
                "unknown header key '" + written + "'; the allowed keys are " + allowed
                        + " (case-insensitive); fix the spelling or move the line out of the header");
    }

    private ScriptException missingRevisionId(int line) {
        return new ScriptException(
                path,
                line,
                "missing 'Revision ID' header; add a line like '-- Revision ID: 6eef61f13528' to the header");
    }
}
