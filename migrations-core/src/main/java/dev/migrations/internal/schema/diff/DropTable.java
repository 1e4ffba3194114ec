package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Table;
import java.util.List;
import java.util.Objects;

/**
 * Drops a table.
 *
 * @param table the dropped table's full definition (without indexes and foreign keys, dropped as
 *     separate changes)
 */
public record DropTable(Table table) implements Change {
    /** Validates. */
    public DropTable {
        Objects.requireNonNull(table, "table");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.dropTable(table.name());
    }

    @Override
    public Change reverse() {
        return new CreateTable(table);
    }

    @Override
    public String toString() {
        return "remove_table " + table.name();
    }
}
