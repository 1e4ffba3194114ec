package dev.migrations.spi.model;

import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL enum type.
 *
 * @param name the type's name
 * @param labels the labels in their sort order
 */
public record EnumType(String name, List<String> labels) {
    /** Validates and copies. */
    public EnumType {
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
    }
}
