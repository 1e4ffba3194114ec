package dev.migrations.spi.model;

import java.util.List;
import java.util.Objects;

/**
 * A primary key.
 *
 * @param name the constraint's name
 * @param columns the key's columns in order
 */
public record PrimaryKey(String name, List<String> columns) implements Constraint {
    /** Validates and copies. */
    public PrimaryKey {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("primary key " + name + " needs at least one column");
        }
    }

    @Override
    public String definition() {
        return "PRIMARY KEY (" + String.join(", ", columns) + ")";
    }
}
