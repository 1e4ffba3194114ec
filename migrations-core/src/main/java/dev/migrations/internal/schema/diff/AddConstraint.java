package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Constraint;
import dev.migrations.spi.model.ForeignKey;
import java.util.List;
import java.util.Objects;

/**
 * Adds a primary key, unique, check or foreign-key constraint.
 *
 * @param table the table
 * @param constraint the constraint
 */
public record AddConstraint(String table, Constraint constraint) implements Change {
    /** Validates. */
    public AddConstraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(constraint, "constraint");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.addConstraint(table, constraint);
    }

    @Override
    public Change reverse() {
        return new DropConstraint(table, constraint);
    }

    @Override
    public int phase() {
        return constraint instanceof ForeignKey ? Change.ADD_FOREIGN_KEY : Change.ADD_CONSTRAINT;
    }

    @Override
    public String toString() {
        return (constraint instanceof ForeignKey ? "add_fk " : "add_constraint ") + constraint.name() + " on " + table
                + " " + constraint.definition();
    }
}
