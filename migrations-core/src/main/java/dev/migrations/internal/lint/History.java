package dev.migrations.internal.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What earlier revisions did that later rules depend on, collected while the lint walks the
 * scripts oldest first (also through revisions outside the linted range): column types, and the
 * validated {@code CHECK (col IS NOT NULL)} constraints that make {@code SET NOT NULL} cheap.
 */
final class History {
    private final Map<String, String> columnTypes = new HashMap<>();
    private final Set<String> notNullProven = new HashSet<>();
    private final Map<String, String> unvalidatedChecks = new HashMap<>();

    /** The type the scripts gave {@code table.column}, or null when they never did. */
    String type(String table, String column) {
        return columnTypes.get(key(table, column));
    }

    void type(String table, String column, String type) {
        columnTypes.put(key(table, column), type);
    }

    /** Records a {@code CHECK (column IS NOT NULL)}: proven at once unless {@code NOT VALID}. */
    void notNullCheck(String table, String constraint, String column, boolean notValid) {
        if (!notValid) {
            notNullProven.add(key(table, column));
        } else if (constraint != null) {
            unvalidatedChecks.put(key(table, constraint), column);
        }
    }

    /** Records {@code VALIDATE CONSTRAINT}. */
    void validated(String table, String constraint) {
        String column = unvalidatedChecks.remove(key(table, constraint));
        if (column != null) {
            notNullProven.add(key(table, column));
        }
    }

    /** Whether a validated check proves {@code table.column} holds no NULLs. */
    boolean notNullProven(String table, String column) {
        return notNullProven.contains(key(table, column));
    }

    private static String key(String table, String name) {
        return table + "." + name;
    }
}
