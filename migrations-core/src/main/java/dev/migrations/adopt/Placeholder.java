package dev.migrations.adopt;

import dev.migrations.MigrationsException;
import java.util.Objects;

/**
 * A placeholder's value for the import: {@code ${name}} in a Flyway script, or a Liquibase changelog
 * property, is replaced by {@code value} in the revision script written.
 */
public record Placeholder(String name, String value) {

    /** Validates. */
    public Placeholder {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank()) {
            throw new MigrationsException("A placeholder needs a name: write NAME=VALUE");
        }
    }

    /**
     * Parses {@code NAME=VALUE}, as {@code --placeholder} takes it.
     *
     * @throws MigrationsException without an {@code =}
     */
    public static Placeholder parse(String option) {
        int eq = option.indexOf('=');
        if (eq <= 0) {
            throw new MigrationsException(
                    "--placeholder '" + option + "' is not NAME=VALUE; write e.g. --placeholder schema=app");
        }
        return new Placeholder(option.substring(0, eq).strip(), option.substring(eq + 1));
    }
}
