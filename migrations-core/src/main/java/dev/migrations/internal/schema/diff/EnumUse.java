package dev.migrations.internal.schema.diff;

import java.util.Objects;

/**
 * A column whose type is an enum type, with its default (re-set when the type is rebuilt).
 *
 * @param table the table
 * @param column the column
 * @param defaultExpression the column's default, or null
 */
public record EnumUse(String table, String column, String defaultExpression) {
    /** Validates. */
    public EnumUse {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }
}
