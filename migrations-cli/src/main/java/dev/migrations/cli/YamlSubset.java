package dev.migrations.cli;

import dev.migrations.MigrationsException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens the part of YAML a Spring Boot {@code application.yml} uses for our keys into dotted
 * keys: nested maps by indentation, plain and quoted scalars, block lists ({@code - item}) and flow
 * lists ({@code [a, b]}) joined with commas, {@code #} comments. Only the first document is read.
 * Anything else (anchors, block scalars, tabs) is refused with the line, rather than misread.
 */
final class YamlSubset {
    private record Parent(int indent, String key) {}

    private YamlSubset() {}

    static Map<String, String> parse(Path path, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Deque<Parent> parents = new ArrayDeque<>();
        boolean content = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = stripComment(lines.get(n));
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().equals("---") || line.strip().equals("...")) {
                if (content) {
                    break; // later documents (profile sections) are not read
                }
                continue;
            }
            content = true;
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            if (line.charAt(indent) == '\t') {
                throw unsupported(path, n, "a tab in the indentation");
            }
            String text = line.substring(indent).strip();
            if (text.equals("-") || text.startsWith("- ")) {
                while (!parents.isEmpty() && parents.peek().indent() > indent) {
                    parents.pop();
                }
                if (parents.isEmpty()) {
                    throw unsupported(path, n, "a list at the top level");
                }
                String item = text.substring(1).strip();
                if (item.matches("[^'\"]*:( .*)?")) {
                    throw unsupported(path, n, "a list of maps");
                }
                lists.computeIfAbsent(parents.peek().key(), k -> new ArrayList<>())
                        .add(scalar(path, n, item));
                continue;
            }
            int colon = keyEnd(text);
            if (colon < 0) {
                throw unsupported(path, n, "a line that is neither 'key: value' nor '- item'");
            }
            while (!parents.isEmpty() && parents.peek().indent() >= indent) {
                parents.pop();
            }
            String key = unquote(text.substring(0, colon).strip());
            String full = parents.isEmpty() ? key : parents.peek().key() + "." + key;
            String value = text.substring(colon + 1).strip();
            if (value.isEmpty()) {
                parents.push(new Parent(indent, full));
            } else if (value.startsWith("[") && value.endsWith("]")) {
                List<String> items = new ArrayList<>();
                for (String item : value.substring(1, value.length() - 1).split(",")) {
                    if (!item.isBlank()) {
                        items.add(scalar(path, n, item.strip()));
                    }
                }
                values.put(full, String.join(",", items));
            } else {
                values.put(full, scalar(path, n, value));
            }
        }
        lists.forEach((key, items) -> values.put(key, String.join(",", items)));
        return values;
    }

    /** Index of the colon ending the key: followed by a space or at the end, outside quotes. */
    private static int keyEnd(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    /** Drops a {@code #} comment: at the start, or after a space, outside quotes. */
    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String scalar(Path path, int n, String value) {
        if (value.startsWith("&") || value.startsWith("*") || value.startsWith("!")) {
            throw unsupported(path, n, "anchors, aliases and tags");
        }
        if (value.startsWith("|") || value.startsWith(">")) {
            throw unsupported(path, n, "block scalars");
        }
        if (value.equals("~") || value.equals("null")) {
            return "";
        }
        return unquote(value);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("''", "'");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            String body = value.substring(1, value.length() - 1);
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length()) {
                    char next = body.charAt(++i);
                    out.append(
                            switch (next) {
                                case 'n' -> '\n';
                                case 't' -> '\t';
                                case 'r' -> '\r';
                                default -> next;
                            });
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        return value;
    }

    private static MigrationsException unsupported(Path path, int index, String what) {
        return new MigrationsException("Config file " + path + ":" + (index + 1) + ": " + what
                + " is beyond the YAML subset the command line reads; use an application.properties file");
    }
}
