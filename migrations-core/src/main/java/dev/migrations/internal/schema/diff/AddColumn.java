package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Column;
import java.util.List;
import java.util.Objects;

/**
 * Adds a column.
 *
 * @param table the table
 * @param column the new column
 */
public record AddColumn(String table, Column column) implements Change {
    /** Validates. */
    public AddColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.addColumn(table, column);
    }

    @Override
    public Change reverse() {
        return new DropColumn(table, column);
    }

    @Override
    public String toString() {
        return "add_column " + table + "." + column.name() + " " + column.type()
                + (column.nullable() ? "" : " NOT NULL");
    }
}
