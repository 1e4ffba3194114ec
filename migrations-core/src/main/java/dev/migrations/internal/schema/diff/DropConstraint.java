package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Constraint;
import dev.migrations.spi.model.ForeignKey;
import java.util.List;
import java.util.Objects;

/**
 * Drops a constraint.
 *
 * @param table the table
 * @param constraint the dropped constraint's full definition
 */
public record DropConstraint(String table, Constraint constraint) implements Change {
    /** Validates. */
    public DropConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(constraint, "constraint");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.dropConstraint(table, constraint.name());
    }

    @Override
    public Change reverse() {
        return new AddConstraint(table, constraint);
    }

    @Override
    public int phase() {
        return constraint instanceof ForeignKey ? Change.DROP_FOREIGN_KEY : Change.DROP_CONSTRAINT;
    }

    @Override
    public String toString() {
        return (constraint instanceof ForeignKey ? "remove_fk " : "remove_constraint ") + constraint.name() + " on "
                + table;
    }
}
