package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Identity;
import java.util.List;
import java.util.Objects;

/**
 * Makes a column an identity column, changes how it generates, or drops its identity.
 *
 * @param table the table
 * @param column the column
 * @param from the old identity, or null
 * @param to the new identity, or null
 */
public record AlterColumnIdentity(String table, String column, Identity from, Identity to) implements Change {
    /** Validates. */
    public AlterColumnIdentity {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.alterColumnIdentity(table, column, from, to);
    }

    @Override
    public Change reverse() {
        return new AlterColumnIdentity(table, column, to, from);
    }

    @Override
    public String toString() {
        return "modify_identity " + table + "." + column + ": " + from + " -> " + to;
    }
}
