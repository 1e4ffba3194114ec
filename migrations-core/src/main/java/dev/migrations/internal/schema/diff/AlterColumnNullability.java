package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import java.util.List;
import java.util.Objects;

/**
 * Allows or forbids NULL in a column.
 *
 * @param table the table
 * @param column the column
 * @param from whether NULL was allowed
 * @param to whether NULL is allowed
 */
public record AlterColumnNullability(String table, String column, boolean from, boolean to) implements Change {
    /** Validates. */
    public AlterColumnNullability {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.alterColumnNullable(table, column, to);
    }

    @Override
    public Change reverse() {
        return new AlterColumnNullability(table, column, to, from);
    }

    @Override
    public String toString() {
        return "modify_nullable " + table + "." + column + ": " + from + " -> " + to;
    }
}
