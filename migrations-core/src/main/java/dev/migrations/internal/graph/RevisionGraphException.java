package dev.migrations.internal.graph;

import dev.migrations.MigrationsException;
import java.util.List;

/**
 * A problem with the revision graph or with resolving an identifier against it. The message keeps
 * Alembic's wording; the revisions at fault and the advice let the layer that knows the scripts say
 * which files to change and how.
 */
public class RevisionGraphException extends MigrationsException {
    private static final long serialVersionUID = 1L;

    private final List<String> atFault;
    private final String advice;

    /** Creates the error with its message. */
    public RevisionGraphException(String message) {
        this(message, List.of(), null);
    }

    /**
     * Creates the error.
     *
     * @param message what is wrong, in Alembic's words
     * @param atFault the revisions whose scripts must change, in the order to name them
     * @param advice what to change in them, or null
     */
    public RevisionGraphException(String message, List<String> atFault, String advice) {
        super(message);
        this.atFault = List.copyOf(atFault);
        this.advice = advice;
    }

    /** The revisions whose scripts must change; empty when the error names no script. */
    public List<String> atFault() {
        return atFault;
    }

    /** What to change, or null. */
    public String advice() {
        return advice;
    }
}
