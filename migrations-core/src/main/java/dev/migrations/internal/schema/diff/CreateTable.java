package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Creates a table with its columns, primary key, unique and check constraints and comments; its
 * indexes and foreign keys are separate changes.
 *
 * @param table the table, without indexes and foreign keys
 */
public record CreateTable(Table table) implements Change {
    /** Validates. */
    public CreateTable {
        Objects.requireNonNull(table, "table");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.createTable(table);
    }

    @Override
    public Change reverse() {
        return new DropTable(table);
    }

    @Override
    public String toString() {
        List<String> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            columns.add(column.name() + " " + column.type());
        }
        return "add_table " + table.name() + " (" + String.join(", ", columns) + ")";
    }
}
