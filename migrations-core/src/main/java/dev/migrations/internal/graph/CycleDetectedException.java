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
        super(kind + " is detected in revisions (" + String.join(", ", revisions) + ")", revisions, advice(kind));
        this.revisions = List.copyOf(revisions);
    }

    private static String advice(String kind) {
        return switch (kind) {
            case "Self-loop" -> "a revision cannot revise itself: correct its 'Revises' line";
            case "Dependency self-loop" -> "a revision cannot depend on itself: correct its 'Depends On' line";
            case "Dependency cycle" -> "break it by correcting the 'Revises' or 'Depends On' line of one of them";
            default -> "break it by correcting the 'Revises' line of one of them";
        };
    }

    /** The revisions on or behind the cycle. */
    public List<String> revisions() {
        return revisions;
    }
}
