package dev.migrations.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The series of a Prometheus scrape (the text format of {@code /actuator/prometheus}): each series
 * name with the labels it has and their values, to check that a query names only what is exported.
 */
final class ExportedMeters {
    /**
     * Labels Prometheus puts on every series when it scrapes a target: queries and rules use them, the
     * application's own output does not have them.
     */
    static final Set<String> TARGET_LABELS = Set.of("instance", "job");

    /** Alternatives of plain values ({@code pending|skipped}): each must exist, like an equality's value. */
    private static final Pattern PLAIN_ALTERNATIVES = Pattern.compile("[A-Za-z0-9_.:-]+(\\|[A-Za-z0-9_.:-]+)*");

    /** Series name, then label name, then the values it takes. */
    private final Map<String, Map<String, Set<String>>> series;

    private ExportedMeters(Map<String, Map<String, Set<String>>> series) {
        this.series = series;
    }

    /** Reads a scrape in the Prometheus text format (0.0.4). */
    static ExportedMeters parse(String exposition) {
        Map<String, Map<String, Set<String>>> series = new TreeMap<>();
        for (String line : exposition.split("\n", -1)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            boolean labelled = brace >= 0 && (space < 0 || brace < space);
            String name = line.substring(0, labelled ? brace : space).trim();
            Map<String, Set<String>> labels = series.computeIfAbsent(name, n -> new TreeMap<>());
            if (labelled) {
                readLabels(line, brace + 1, labels);
            }
        }
        return new ExportedMeters(series);
    }

    /** {@code name="value",...}} from {@code at}, with the format's escapes ({@code \\ \" \n}). */
    private static void readLabels(String line, int start, Map<String, Set<String>> labels) {
        int at = start;
        while (at < line.length() && line.charAt(at) != '}') {
            int eq = line.indexOf("=\"", at);
            String label = line.substring(at, eq).trim();
            StringBuilder value = new StringBuilder();
            at = eq + 2;
            while (line.charAt(at) != '"') {
                char c = line.charAt(at++);
                if (c == '\\') {
                    char escaped = line.charAt(at++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.computeIfAbsent(label, l -> new TreeSet<>()).add(value.toString());
            at++;
            if (at < line.length() && line.charAt(at) == ',') {
                at++;
            }
        }
    }

    /** The series names, sorted. */
    Set<String> names() {
        return series.keySet();
    }

    /**
     * What the expression names that the scrape does not have: a meter, a label of a meter, a
     * label's value (unless it is a Grafana variable), a grouping label no meter of the expression
     * has. Empty when every name is exported.
     */
    List<String> problems(String expression) {
        PromQlReferences references = PromQlReferences.of(expression);
        List<String> problems = new ArrayList<>();
        for (PromQlReferences.Selector selector : references.selectors()) {
            Map<String, Set<String>> labels = series.get(selector.metric());
            if (labels == null) {
                problems.add(selector.metric() + " is not exported; the migrations meters are " + migrationsMeters());
                continue;
            }
            for (PromQlReferences.Matcher matcher : selector.matchers()) {
                String problem = problem(selector.metric(), labels, matcher);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        for (String label : references.groupingLabels()) {
            boolean somewhere = TARGET_LABELS.contains(label)
                    || references.metrics().stream()
                            .anyMatch(
                                    m -> series.containsKey(m) && series.get(m).containsKey(label));
            if (!somewhere) {
                problems.add(
                        "no meter of " + references.metrics() + " has the label " + label + " it groups or matches on");
            }
        }
        return problems;
    }

    private static @Nullable String problem(
            String metric, Map<String, Set<String>> labels, PromQlReferences.Matcher matcher) {
        String label = matcher.label();
        if (TARGET_LABELS.contains(label)) {
            return null;
        }
        Set<String> values = labels.get(label);
        if (values == null) {
            return metric + " has no label " + label + "; its labels are " + labels.keySet();
        }
        String value = matcher.value();
        // Grafana substitutes its variables; an empty value matches a missing label.
        if (value.contains("$") || value.isEmpty()) {
            return null;
        }
        if (!matcher.regex() || PLAIN_ALTERNATIVES.matcher(value).matches()) {
            for (String alternative : matcher.regex() ? value.split("\\|", -1) : new String[] {value}) {
                if (!values.contains(alternative)) {
                    return metric + " has no series with " + label + "=\"" + alternative + "\"; its " + label
                            + " values are " + values;
                }
            }
            return null;
        }
        try {
            Pattern pattern = Pattern.compile(value);
            boolean matches = values.stream().anyMatch(v -> pattern.matcher(v).matches());
            // A negative regex that excludes nothing is as much a typo as a positive one matching nothing.
            return matches
                    ? null
                    : metric + " has no " + label + " value matching " + value + "; its values are " + values;
        } catch (PatternSyntaxException e) {
            return metric + ": " + label + matcher.operator() + "\"" + value + "\" is not a valid regex";
        }
    }

    private List<String> migrationsMeters() {
        return series.keySet().stream().filter(n -> n.startsWith("migrations_")).toList();
    }
}
