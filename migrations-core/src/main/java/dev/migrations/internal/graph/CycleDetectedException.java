package dev.migrations.internal.graph;

import java.util.List;

/** The graph has a cycle through {@code Revises} or through {@code Depends On}. */
public final class CycleDetectedException extends RevisionGraphException {
    private static final long serialVersionUID = 1L;

    private final List<String> revisions;

    /**
     * Creates the error.
     *
     * @param kind "Cycle", "Self-loop", "Dependency cycle" or "Dependency self-loop"
     * @param revisions the revisions on or behind the cycle
     */
    public CycleDetectedException(String kind, List<String> revisions) {
        super(kind + " is detected in revisions (" + String.join(", ", revisions) + ")");
        this.revisions = List.copyOf(revisions);
    }

    /** The revisions on or behind the cycle. */
    public List<String> revisions() {
        return revisions;
    }
}
