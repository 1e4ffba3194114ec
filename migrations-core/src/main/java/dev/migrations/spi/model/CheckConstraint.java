package dev.migrations.spi.model;

import java.util.Objects;

/**
 * A check constraint.
 *
 * @param name the constraint's name
 * @param expression the boolean expression without {@code CHECK} and its outer parentheses, as the
 *     database prints it
 */
public record CheckConstraint(String name, String expression) implements Constraint {
    /** Validates. */
    public CheckConstraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
    }

    @Override
    public String definition() {
        return "CHECK (" + expression + ")";
    }
}
