package dev.migrations.spi.model;

import java.util.List;
import java.util.Objects;

/**
 * A unique constraint.
 *
 * @param name the constraint's name
 * @param columns the columns in order
 */
public record UniqueConstraint(String name, List<String> columns) implements Constraint {
    /** Validates and copies. */
    public UniqueConstraint {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("unique constraint " + name + " needs at least one column");
        }
    }

    @Override
    public String definition() {
        return "UNIQUE (" + String.join(", ", columns) + ")";
    }
}
