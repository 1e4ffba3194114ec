package dev.migrations.boot;

import dev.migrations.MigrationsException;

/**
 * The database is not where the application may start: not at the target in mode {@code validate},
 * still not there after {@code migrations.wait-timeout} in mode {@code wait}, below the target
 * without {@code migrations.allow-downgrade}, or holding revisions the scripts do not know. Carries
 * the action the failure analysis shows.
 */
public final class MigrationsStartupException extends MigrationsException {
    private static final long serialVersionUID = 1L;

    private final String action;

    /**
     * Creates the error.
     *
     * @param message what is wrong, with the values
     * @param action what to do about it, naming the property to change
     */
    public MigrationsStartupException(String message, String action) {
        super(message);
        this.action = action;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }
}
