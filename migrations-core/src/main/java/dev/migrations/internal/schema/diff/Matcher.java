package dev.migrations.internal.schema.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Pairs named objects of two lists: first by name, then, among the rest, by definition, so a constraint
 * the database named differently (H2 generates names) but defined the same is not a change.
 */
final class Matcher<T> {
    /** Objects present on both sides: the old and the new one. */
    record Pair<T>(T from, T to) {}

    final List<Pair<T>> matched = new ArrayList<>();
    final List<T> removed = new ArrayList<>();
    final List<T> added = new ArrayList<>();

    Matcher(List<T> from, List<T> to, Function<T, String> name, Function<T, String> definition) {
        Map<String, T> toByName = new LinkedHashMap<>();
        for (T item : to) {
            toByName.put(name.apply(item), item);
        }
        List<T> unmatched = new ArrayList<>();
        for (T item : from) {
            T other = toByName.remove(name.apply(item));
            if (other == null) {
                unmatched.add(item);
            } else {
                matched.add(new Pair<>(item, other));
            }
        }
        List<T> rest = new ArrayList<>(toByName.values());
        for (T item : unmatched) {
            T other = null;
            if (definition != null) {
                for (T candidate : rest) {
                    if (Objects.equals(definition.apply(item), definition.apply(candidate))) {
                        other = candidate;
                        break;
                    }
                }
            }
            if (other == null) {
                removed.add(item);
            } else {
                rest.remove(other);
            }
        }
        added.addAll(rest);
    }
}
