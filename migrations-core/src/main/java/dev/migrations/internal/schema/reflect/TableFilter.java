package dev.migrations.internal.schema.reflect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which tables (and views) reflection leaves out: exact names or glob patterns ({@code *} any
 * characters, {@code ?} one), compared case-insensitively because H2 folds unquoted names to upper
 * case while a user writes them in lower case.
 */
public final class TableFilter {
    private final List<Pattern> patterns = new ArrayList<>();

    /** A filter excluding the given names or patterns. */
    public TableFilter(Set<String> excluded) {
        for (String name : excluded) {
            patterns.add(glob(name));
        }
    }

    /** Whether the table or view is excluded. */
    public boolean excludes(String name) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String text) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '*' || ch == '?') {
                regex.append(Pattern.quote(literal.toString())).append(ch == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(ch);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Override
    public String toString() {
        return patterns.toString().toLowerCase(Locale.ROOT);
    }
}
