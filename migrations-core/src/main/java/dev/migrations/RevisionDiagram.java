package dev.migrations;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a picture of the revision graph shows (the {@code graph} command): revisions, the edges
 * between them, and, with a database, which revisions it has applied. Nodes and edges come in a
 * stable order (oldest revision first, the graph's topological order), so a picture drawn from
 * the same scripts is the same text every time.
 *
 * <pre>{@code
 * RevisionDiagram all = migrations.graph().diagram(null, null);
 * RevisionDiagram mine = migrations.graph().diagram("ae10:heads", migrations.currentRows());
 * }</pre>
 *
 * @param nodes the revisions in the range, oldest first, preceded by the revisions outside it that
 *     they revise or depend on (so the picture shows where the range attaches)
 * @param edges from a revision to each revision it revises or depends on, in the order of {@code nodes}
 * @param withDatabase whether states come from a database's version table
 */
public record RevisionDiagram(List<Node> nodes, List<Edge> edges, boolean withDatabase) {

    /** Copies the lists. */
    public RevisionDiagram {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** Where a revision stands against the database. */
    public enum State {
        /** Applied, below a current revision. */
        APPLIED,
        /**
         * What the version table amounts to, reduced to branch tips (what {@code current} shows): a
         * row's revision, or the applied tip of a branch a row depends on.
         */
        CURRENT,
        /** Not applied: what an upgrade would run. */
        PENDING
    }

    /** How one revision relates to another. */
    public enum EdgeKind {
        /** The revision revises the other ({@code down_revision}). */
        REVISES,
        /** The revision depends on the other ({@code depends_on}) without revising it. */
        DEPENDS_ON
    }

    /**
     * One revision in the picture.
     *
     * @param revision the revision, with its heads, branch points, merges and labels
     * @param inRange false for a revision outside the range that a revision in it revises or depends on
     * @param state against the database, or null without one
     */
    public record Node(
            RevisionInfo revision,
            boolean inRange,
            @Nullable State state) {
        /** Validates. */
        public Node {
            Objects.requireNonNull(revision, "revision");
        }
    }

    /**
     * One edge, from the newer revision to the older one.
     *
     * @param from the revision that revises or depends on {@code to}
     * @param to the revision revised or depended on
     * @param kind revises or depends on
     */
    public record Edge(String from, String to, EdgeKind kind) {
        /** Validates. */
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(kind, "kind");
        }
    }
}
