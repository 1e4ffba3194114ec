package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import java.util.List;
import java.util.Objects;

/**
 * Changes a column's default.
 *
 * @param table the table
 * @param column the column
 * @param from the old default expression, or null
 * @param to the new default expression, or null
 */
public record AlterColumnDefault(String table, String column, String from, String to) implements Change {
    /** Validates. */
    public AlterColumnDefault {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.alterColumnDefault(table, column, to);
    }

    @Override
    public Change reverse() {
        return new AlterColumnDefault(table, column, to, from);
    }

    @Override
    public String toString() {
        return "modify_default " + table + "." + column + ": " + from + " -> " + to;
    }
}
