package dev.migrations.spi.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A column.
 *
 * @param name the column's name as the catalog stores it
 * @param type the type as the database prints it (PostgreSQL {@code format_type}, e.g. {@code
 *     character varying(255)}); {@code serial}, {@code bigserial} or {@code smallserial} for an integer
 *     column whose default draws from a sequence the column owns
 * @param nullable whether NULL is allowed
 * @param defaultExpression the default as the database prints it, or null
 * @param identity whether and how the column is an identity column, or null
 * @param generatedExpression the expression of a generated (computed) column, or null
 * @param comment the column's comment, or null
 */
public record Column(
        String name,
        String type,
        boolean nullable,
        @Nullable String defaultExpression,
        @Nullable Identity identity,
        @Nullable String generatedExpression,
        @Nullable String comment) {
    /** Validates the name and type. */
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (identity != null && generatedExpression != null) {
            throw new IllegalArgumentException("column " + name + " cannot be both identity and generated");
        }
    }

    /** A nullable column without default, to build on with the {@code with...} methods. */
    public static Column of(String name, String type) {
        return new Column(name, type, true, null, null, null, null);
    }

    /** A copy that does not allow NULL. */
    public Column notNull() {
        return new Column(name, type, false, defaultExpression, identity, generatedExpression, comment);
    }

    /** A copy with this nullability. */
    public Column withNullable(boolean value) {
        return new Column(name, type, value, defaultExpression, identity, generatedExpression, comment);
    }

    /** A copy with this default expression (null removes it). */
    public Column withDefault(@Nullable String expression) {
        return new Column(name, type, nullable, expression, identity, generatedExpression, comment);
    }

    /** A copy with this type. */
    public Column withType(String value) {
        return new Column(name, value, nullable, defaultExpression, identity, generatedExpression, comment);
    }

    /** A copy that is an identity column (identity columns are NOT NULL). */
    public Column withIdentity(@Nullable Identity value) {
        return new Column(name, type, value == null && nullable, defaultExpression, value, null, comment);
    }

    /** A copy that is a stored generated column. */
    public Column withGenerated(String expression) {
        return new Column(name, type, nullable, null, null, expression, comment);
    }

    /** A copy with this comment (null removes it). */
    public Column withComment(@Nullable String value) {
        return new Column(name, type, nullable, defaultExpression, identity, generatedExpression, value);
    }
}
