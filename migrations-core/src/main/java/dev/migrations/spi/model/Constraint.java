package dev.migrations.spi.model;

/** A table constraint: primary key, unique, foreign key or check. */
public sealed interface Constraint permits PrimaryKey, UniqueConstraint, ForeignKey, CheckConstraint {
    /** The constraint's name. */
    String name();

    /** The definition without the name, e.g. {@code UNIQUE (email)}; equal definitions mean equal constraints. */
    String definition();
}
