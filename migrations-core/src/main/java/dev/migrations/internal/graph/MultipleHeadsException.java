package dev.migrations.internal.graph;

import java.util.List;

/** A symbol such as {@code head} resolved to more than one revision. */
public final class MultipleHeadsException extends RevisionGraphException {
    private static final long serialVersionUID = 1L;

    private final List<String> heads;
    private final String argument;

    /** Creates the error for the given heads and the argument the user gave. */
    public MultipleHeadsException(List<String> heads, String argument) {
        super("Multiple heads are present for given argument '" + argument + "'; " + String.join(", ", heads));
        this.heads = List.copyOf(heads);
        this.argument = argument;
    }

    /** The heads the argument resolved to. */
    public List<String> heads() {
        return heads;
    }

    /** The argument as the user gave it. */
    public String argument() {
        return argument;
    }
}
