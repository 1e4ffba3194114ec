package dev.migrations;

import java.util.List;

/**
 * A target such as {@code head} names more than one revision: the graph has several heads (or a
 * label several revisions), and the command needs one. Merge the heads, or name a specific target,
 * {@code <branch>@head} or {@code heads}.
 */
public final class MultipleHeadsException extends MigrationsException {
    private static final long serialVersionUID = 1L;

    private final List<String> heads;

    /** Creates the error with its message, the revisions the target named, and the graph's error. */
    public MultipleHeadsException(String message, List<String> heads, Throwable cause) {
        super(message, cause);
        this.heads = List.copyOf(heads);
    }

    /** The revisions the target named. */
    public List<String> heads() {
        return heads;
    }
}
