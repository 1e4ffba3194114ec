package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Column;
import java.util.List;
import java.util.Objects;

/**
 * Drops a column.
 *
 * @param table the table
 * @param column the dropped column's full definition
 */
public record DropColumn(String table, Column column) implements Change {
    /** Validates. */
    public DropColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.dropColumn(table, column.name());
    }

    @Override
    public Change reverse() {
        return new AddColumn(table, column);
    }

    @Override
    public String toString() {
        return "remove_column " + table + "." + column.name();
    }
}
