package dev.migrations;

/**
 * Base of every error the engine reports. Messages are written for the person running the
 * command: what happened, where, and what to do.
 */
public class MigrationsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an error with a user-facing message. */
    public MigrationsException(String message) {
        super(message);
    }

    /** Creates an error with a user-facing message and the underlying cause. */
    public MigrationsException(String message, Throwable cause) {
        super(message, cause);
    }
}
