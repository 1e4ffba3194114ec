package dev.migrations.internal.adopt;

import dev.migrations.adopt.Placeholder;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${name}} placeholders, as Flyway and Liquibase write them: replaced where a value is given. */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]+)}");

    private final Map<String, String> values = new LinkedHashMap<>();

    Placeholders(List<Placeholder> given) {
        for (Placeholder placeholder : given) {
            values.put(placeholder.name(), placeholder.value());
        }
    }

    /** Adds a value unless one is given already (a changelog's own properties yield to the caller's). */
    void addDefault(String name, String value) {
        values.putIfAbsent(name, value);
    }

    /** The text with every placeholder that has a value replaced. */
    String replace(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The placeholders of the text that have no value, in order of appearance. */
    Set<String> unresolved(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!values.containsKey(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
