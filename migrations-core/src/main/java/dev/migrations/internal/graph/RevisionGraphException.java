package dev.migrations.internal.graph;

import dev.migrations.MigrationsException;

/** A problem with the revision graph or with resolving an identifier against it. */
public class RevisionGraphException extends MigrationsException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with its message. */
    public RevisionGraphException(String message) {
        super(message);
    }
}
