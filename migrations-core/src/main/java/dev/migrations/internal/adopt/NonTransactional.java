package dev.migrations.internal.adopt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the statements Flyway's PostgreSQL parser marks as unable to run in a transaction: it looks at
 * the leading keywords of each statement, ignoring comments and quoted text, with the patterns of
 * {@code PostgreSQLParser.detectCanExecuteInTransaction}. ({@code ALTER TYPE ... ADD VALUE} is left out:
 * Flyway runs it in a transaction from PostgreSQL 12 on.)
 */
final class NonTransactional {
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("(CREATE|DROP) (DATABASE|TABLESPACE|SUBSCRIPTION)\\b"),
            Pattern.compile("ALTER SYSTEM\\b"),
            Pattern.compile("(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY\\b"),
            Pattern.compile("REINDEX( VERBOSE)? (SCHEMA|DATABASE|SYSTEM)\\b"),
            Pattern.compile("VACUUM\\b"),
            Pattern.compile("DISCARD ALL\\b"));

    private NonTransactional() {}

    /** The first statement of the script Flyway would run outside a transaction, or null. */
    static @Nullable String firstIn(String sql) {
        for (String words : statementWords(sql)) {
            for (Pattern pattern : PATTERNS) {
                if (pattern.matcher(words).lookingAt()) {
                    return words.length() > 60 ? words.substring(0, 60) + "..." : words;
                }
            }
        }
        return null;
    }

    /** Each statement's unquoted words, upper case, joined by one space. */
    static List<String> statementWords(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = endOfLine(sql, i);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = endOfBlockComment(sql, i);
            } else if (c == '\'' || c == '"') {
                i = endOfQuoted(sql, i, c);
                words.append(' ');
            } else if (c == '$') {
                String tag = dollarTag(sql, i);
                int end = tag == null ? -1 : sql.indexOf(tag, i + tag.length());
                i = tag == null ? i + 1 : end < 0 ? n : end + tag.length();
                words.append(' ');
            } else if (c == ';') {
                addStatement(statements, words);
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                words.append(sql, start, i).append(' ');
            } else {
                words.append(Character.isWhitespace(c) ? ' ' : c);
                i++;
            }
        }
        addStatement(statements, words);
        return statements;
    }

    private static void addStatement(List<String> statements, StringBuilder words) {
        String statement = words.toString().replaceAll("\\s+", " ").strip().toUpperCase(Locale.ROOT);
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        words.setLength(0);
    }

    private static int endOfLine(String sql, int i) {
        int end = sql.indexOf('\n', i);
        return end < 0 ? sql.length() : end + 1;
    }

    private static int endOfBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    private static int endOfQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    /** The {@code $tag$} starting at {@code i}, or null when the {@code $} starts none ({@code $1}). */
    private static @Nullable String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j >= sql.length() || sql.charAt(j) != '$' || (j > i + 1 && Character.isDigit(sql.charAt(i + 1)))) {
            return null;
        }
        return sql.substring(i, j + 1);
    }
}
