package dev.migrations.sample;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The meters, label matchers and grouping labels a PromQL expression names, or a Grafana variable
 * query ({@code label_values(selector, label)}). Not a PromQL parser: a scanner that knows just
 * enough of the syntax (strings, ranges, functions, keywords, Grafana's {@code $variables}) to tell
 * a meter's name from the rest, so that a misspelt meter or tag in the dashboard or the alert rules
 * fails a test instead of drawing an empty panel or never firing.
 *
 * @param selectors every meter the expression reads, with its matchers, in order
 * @param groupingLabels labels named by {@code by}, {@code without}, {@code on}, {@code ignoring},
 *     {@code group_left}, {@code group_right}, or as the label of {@code label_values}
 */
record PromQlReferences(List<Selector> selectors, Set<String> groupingLabels) {

    /** Keywords that take a list of labels in parentheses. */
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    /** Aggregations, which may take their grouping before their parentheses: {@code sum by (x) (...)}. */
    private static final Set<String> AGGREGATIONS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "group",
            "stddev",
            "stdvar",
            "count",
            "count_values",
            "bottomk",
            "topk",
            "quantile",
            "limitk",
            "limit_ratio");

    /** Keywords (and modifiers) that stand alone and are not meter names. */
    private static final Set<String> OPERATORS =
            Set.of("and", "or", "unless", "bool", "offset", "group_left", "group_right", "atan2", "inf", "nan");

    /**
     * A label matcher.
     *
     * @param label the label's name
     * @param operator {@code =}, {@code !=}, {@code =~} or {@code !~}
     * @param value the string it matches (a regex for {@code =~} and {@code !~}), unescaped
     */
    record Matcher(String label, String operator, String value) {
        boolean regex() {
            return operator.endsWith("~");
        }
    }

    /**
     * A meter read by the expression.
     *
     * @param metric the series name, e.g. {@code migrations_run_seconds_count}
     * @param matchers its label matchers, in order
     */
    record Selector(String metric, List<Matcher> matchers) {}

    /** Copies. */
    PromQlReferences {
        selectors = List.copyOf(selectors);
        groupingLabels = Set.copyOf(groupingLabels);
    }

    /** The meters the selectors name, in order, each once. */
    Set<String> metrics() {
        Set<String> metrics = new LinkedHashSet<>();
        selectors.forEach(s -> metrics.add(s.metric()));
        return metrics;
    }

    /**
     * Scans an expression.
     *
     * @throws IllegalArgumentException when a selector's braces, a string or a label list is not closed
     */
    static PromQlReferences of(String expression) {
        Scanner scanner = new Scanner(expression);
        scanner.expression(expression.length());
        return new PromQlReferences(scanner.selectors, scanner.grouping);
    }

    /** One pass over the text, collecting selectors and grouping labels. */
    private static final class Scanner {
        private final String text;
        private final List<Selector> selectors = new ArrayList<>();
        private final Set<String> grouping = new LinkedHashSet<>();
        private int at;

        Scanner(String text) {
            this.text = text;
        }

        /** Scans up to {@code end} (exclusive). */
        void expression(int end) {
            while (at < end) {
                char c = text.charAt(at);
                if (c == '"' || c == '\'' || c == '`') {
                    at = afterString(at);
                } else if (c == '[') {
                    // Ranges and subqueries: durations and Grafana's $__rate_interval, no meter names.
                    at = closing('[', ']') + 1;
                } else if (c == '$') {
                    variable();
                } else if (Character.isDigit(c)
                        || (c == '.' && at + 1 < end && Character.isDigit(text.charAt(at + 1)))) {
                    // Numbers and durations (1e9, 0.5, 5m): letters inside them are not names.
                    while (at < end && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                        at++;
                    }
                } else if (identifierStart(c)) {
                    name(end);
                } else if (c == '{') {
                    throw new IllegalArgumentException("a selector without a meter name at " + at + " in: " + text);
                } else {
                    at++;
                }
            }
        }

        private void name(int end) {
            String name = identifier();
            int next = skipSpace(at);
            boolean call = next < end && text.charAt(next) == '(';
            if (GROUPING.contains(name) && call) {
                at = next;
                grouping.addAll(labelList());
            } else if (name.equals("label_values") && call) {
                at = next;
                labelValues();
            } else if (call || OPERATORS.contains(name) || AGGREGATIONS.contains(name)) {
                // A function's name, an aggregation or an operator: what follows is scanned as usual.
                at = call ? next + 1 : at;
            } else if (next < end && text.charAt(next) == '{') {
                at = next;
                selectors.add(new Selector(name, matchers()));
            } else {
                selectors.add(new Selector(name, List.of()));
            }
        }

        /** Grafana's {@code label_values(selector, label)} or {@code label_values(label)}. */
        private void labelValues() {
            int close = closing('(', ')');
            int comma = text.lastIndexOf(',', close);
            if (comma > at) {
                at++;
                expression(comma);
                at = comma;
            }
            String label = text.substring(at + 1, close).trim();
            if (!label.isEmpty()) {
                grouping.add(label);
            }
            at = close + 1;
        }

        private List<String> labelList() {
            int close = closing('(', ')');
            List<String> labels = new ArrayList<>();
            for (String label : text.substring(at + 1, close).split(",", -1)) {
                if (!label.isBlank()) {
                    labels.add(label.trim());
                }
            }
            at = close + 1;
            return labels;
        }

        private List<Matcher> matchers() {
            int open = at;
            at++;
            List<Matcher> matchers = new ArrayList<>();
            while (true) {
                at = skipSpace(at);
                if (at >= text.length()) {
                    throw new IllegalArgumentException("the selector at " + open + " is not closed in: " + text);
                }
                char c = text.charAt(at);
                if (c == '}') {
                    at++;
                    return matchers;
                }
                if (c == ',') {
                    at++;
                    continue;
                }
                if (!identifierStart(c)) {
                    throw new IllegalArgumentException("no label name at " + at + " in: " + text);
                }
                String label = identifier();
                at = skipSpace(at);
                String operator = text.startsWith("=~", at) || text.startsWith("!~", at) || text.startsWith("!=", at)
                        ? text.substring(at, at + 2)
                        : text.startsWith("=", at) ? "=" : null;
                if (operator == null) {
                    throw new IllegalArgumentException("no matcher operator after " + label + " in: " + text);
                }
                at = skipSpace(at + operator.length());
                matchers.add(new Matcher(label, operator, string()));
            }
        }

        /** The quoted string at {@code at}, unescaped; leaves {@code at} after its closing quote. */
        private String string() {
            if (at >= text.length() || "\"'`".indexOf(text.charAt(at)) < 0) {
                throw new IllegalArgumentException("no quoted string at " + at + " in: " + text);
            }
            boolean raw = text.charAt(at) == '`';
            int end = afterString(at);
            StringBuilder value = new StringBuilder();
            for (int i = at + 1; i < end - 1; i++) {
                // Backticks are raw; in the other quotes a backslash takes the next character as it is.
                if (text.charAt(i) == '\\' && !raw) {
                    i++;
                }
                value.append(text.charAt(i));
            }
            at = end;
            return value.toString();
        }

        /** The index after the string whose opening quote is at {@code from}. */
        private int afterString(int from) {
            char quote = text.charAt(from);
            for (int i = from + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("a string is not closed in: " + text);
        }

        /** {@code $name} or {@code ${name...}}: Grafana's variables, substituted before Prometheus sees them. */
        private void variable() {
            at++;
            if (at < text.length() && text.charAt(at) == '{') {
                at = closing('{', '}') + 1;
            } else {
                while (at < text.length() && identifierPart(text.charAt(at))) {
                    at++;
                }
            }
        }

        /** The index of the bracket closing the one at {@code at}, skipping strings and nested pairs. */
        private int closing(char open, char close) {
            int depth = 0;
            for (int i = at; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\'' || c == '`') {
                    i = afterString(i) - 1;
                } else if (c == open) {
                    depth++;
                } else if (c == close && --depth == 0) {
                    return i;
                }
            }
            throw new IllegalArgumentException("'" + open + "' at " + at + " is not closed in: " + text);
        }

        private String identifier() {
            int start = at;
            while (at < text.length() && identifierPart(text.charAt(at))) {
                at++;
            }
            return text.substring(start, at);
        }

        private int skipSpace(int from) {
            int i = from;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private static boolean identifierStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
        }

        private static boolean identifierPart(char c) {
            return identifierStart(c) || (c >= '0' && c <= '9');
        }
    }
}
