package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Index;
import java.util.List;
import java.util.Objects;

/**
 * Creates an index.
 *
 * @param table the table
 * @param index the index
 */
public record CreateIndex(String table, Index index) implements Change {
    /** Validates. */
    public CreateIndex {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(index, "index");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.createIndex(table, index);
    }

    @Override
    public Change reverse() {
        return new DropIndex(table, index);
    }

    @Override
    public String toString() {
        return "add_index " + index.name() + " on " + table + " " + index.definition();
    }
}
