package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import java.util.List;
import java.util.Objects;

/**
 * Changes a column's type.
 *
 * @param table the table
 * @param column the column
 * @param from the old type
 * @param to the new type
 */
public record AlterColumnType(String table, String column, String from, String to) implements Change {
    /** Validates. */
    public AlterColumnType {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.alterColumnType(table, column, to);
    }

    @Override
    public Change reverse() {
        return new AlterColumnType(table, column, to, from);
    }

    @Override
    public String toString() {
        return "modify_type " + table + "." + column + ": " + from + " -> " + to;
    }
}
