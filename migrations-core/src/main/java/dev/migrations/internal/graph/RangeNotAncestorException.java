package dev.migrations.internal.graph;

/** The two ends of a range are not ancestor and descendant of each other. */
public final class RangeNotAncestorException extends RevisionGraphException {
    private static final long serialVersionUID = 1L;

    private final String lower;
    private final String upper;

    /** Creates the error for the lower and upper ends (null for base). */
    public RangeNotAncestorException(String lower, String upper) {
        super("Revision " + (lower == null ? "base" : lower) + " is not an ancestor of revision "
                + (upper == null ? "base" : upper));
        this.lower = lower;
        this.upper = upper;
    }

    /** The lower end, or null for base. */
    public String lower() {
        return lower;
    }

    /** The upper end, or null for base. */
    public String upper() {
        return upper;
    }
}
