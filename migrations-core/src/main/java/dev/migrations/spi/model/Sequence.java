package dev.migrations.spi.model;

import java.util.Objects;

/**
 * A sequence not owned by a column.
 *
 * @param name the sequence's name
 * @param dataType its type ({@code bigint}, {@code integer}, {@code smallint})
 * @param start the start value
 * @param increment the increment
 * @param minValue the minimum value
 * @param maxValue the maximum value
 * @param cache how many values are cached per session
 * @param cycle whether it wraps around
 */
public record Sequence(
        String name,
        String dataType,
        long start,
        long increment,
        long minValue,
        long maxValue,
        long cache,
        boolean cycle) {
    /** Validates. */
    public Sequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        if (increment == 0) {
            throw new IllegalArgumentException("sequence " + name + " needs a non-zero increment");
        }
    }

    /** A bigint sequence with the database defaults (start 1, increment 1, cache 1, no cycle). */
    public static Sequence of(String name) {
        return new Sequence(name, "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false);
    }
}
