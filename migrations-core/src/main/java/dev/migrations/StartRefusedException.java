package dev.migrations;

/**
 * The database is not where a start may leave it: not at the target in mode {@code VALIDATE}, still not
 * there after the wait in mode {@code WAIT}, above the target without allowing a downgrade, holding
 * revisions the scripts do not know, or a lint finding at start. Carries what to do about it.
 */
public class StartRefusedException extends MigrationsException {
    private static final long serialVersionUID = 1L;

    private final String action;

    /**
     * Creates the error.
     *
     * @param message what is wrong, with the values
     * @param action what to do about it, naming the setting to change
     */
    public StartRefusedException(String message, String action) {
        super(message);
        this.action = action;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }
}
