package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Index;
import java.util.List;
import java.util.Objects;

/**
 * Drops an index.
 *
 * @param table the table
 * @param index the dropped index's full definition
 */
public record DropIndex(String table, Index index) implements Change {
    /** Validates. */
    public DropIndex {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.dropIndex(index.name());
    }

    @Override
    public Change reverse() {
        return new CreateIndex(table, index);
    }

    @Override
    public String toString() {
        return "remove_index " + index.name() + " on " + table;
    }
}
