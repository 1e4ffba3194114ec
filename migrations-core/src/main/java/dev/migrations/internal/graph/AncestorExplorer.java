package dev.migrations.internal.graph;

import dev.migrations.internal.graph.Walks.Edges;
import java.util.Collection;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Answers "is this revision an ancestor of the sources?" by walking down from them only as far as
 * needed: every revision on a path from a source to the one asked about has a higher level (longest
 * distance from a base), so nodes at or below that level need not be expanded yet. Each node is
 * expanded at most once per explorer, so a run of questions costs what one walk costs.
 */
final class AncestorExplorer {
    private final Edges edges;
    private final Set<Revision> visited = new HashSet<>();
    private final PriorityQueue<Revision> frontier = new PriorityQueue<>((a, b) -> Integer.compare(b.level, a.level));

    /**
     * Creates an explorer.
     *
     * @param sources the revisions to walk down from (they count as their own ancestors)
     * @param edges {@link Edges#DOWN} or {@link Edges#NORMALIZED_DOWN} (dependencies followed)
     */
    AncestorExplorer(Collection<Revision> sources, Edges edges) {
        this.edges = edges;
        for (Revision source : sources) {
            if (visited.add(source)) {
                frontier.add(source);
            }
        }
    }

    boolean reaches(Revision target) {
        while (!frontier.isEmpty() && frontier.peek().level > target.level) {
            for (Revision parent : edges.from(frontier.poll())) {
                if (visited.add(parent)) {
                    frontier.add(parent);
                }
            }
        }
        return visited.contains(target);
    }
}
