package dev.migrations;

/** Another migrator held the migration lock for longer than the configured wait. */
public final class LockTimeoutException extends MigrationsException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with a message naming the holder and the setting to raise. */
    public LockTimeoutException(String message) {
        super(message);
    }
}
