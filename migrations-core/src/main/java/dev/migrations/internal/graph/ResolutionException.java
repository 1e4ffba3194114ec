package dev.migrations.internal.graph;

/** An identifier that names no revision or branch, or names several. */
public final class ResolutionException extends RevisionGraphException {
    private static final long serialVersionUID = 1L;

    private final String argument;

    /** Creates the error for the part of the identifier that failed to resolve. */
    public ResolutionException(String message, String argument) {
        super(message);
        this.argument = argument;
    }

    /** The part of the identifier that failed to resolve. */
    public String argument() {
        return argument;
    }
}
