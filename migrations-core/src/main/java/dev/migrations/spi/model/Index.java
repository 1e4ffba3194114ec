package dev.migrations.spi.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An index that does not back a constraint.
 *
 * @param name the index's name
 * @param unique whether it is unique
 * @param keys the key columns or expressions, in order, as the database prints them (an expression
 *     is kept in its parentheses, e.g. {@code lower(email)})
 * @param method the access method, e.g. {@code btree}, {@code gin}
 * @param where the predicate of a partial index, or null
 */
public record Index(
        String name,
        boolean unique,
        List<String> keys,
        String method,
        @Nullable String where) {
    /** Validates and copies; a null method means {@code btree}. */
    public Index {
        Objects.requireNonNull(name, "name");
        keys = List.copyOf(keys);
        method = method == null ? "btree" : method;
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("index " + name + " needs at least one key");
        }
    }

    /** A plain btree index on columns. */
    public static Index of(String name, String... columns) {
        return new Index(name, false, List.of(columns), "btree", null);
    }

    /** Everything but the name: equal definitions mean the same index under another name. */
    public String definition() {
        return (unique ? "UNIQUE " : "") + "USING " + method + " (" + String.join(", ", keys) + ")"
                + (where == null ? "" : " WHERE " + where);
    }
}
