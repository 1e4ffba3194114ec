package dev.migrations.graph;

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
    private final RevisionMap map;
    private final boolean includeDependencies;
    private final Set<Revision> visited = new HashSet<>();
    private final PriorityQueue<Revision> frontier = new PriorityQueue<>((a, b) -> Integer.compare(b.level, a.level));

    /**
     * Creates an explorer.
     *
     * @param sources the revisions to walk down from (they count as their own ancestors)
     * @param includeDependencies whether dependencies are followed, or only down revisions
     */
    AncestorExplorer(RevisionMap map, Collection<Revision> sources, boolean includeDependencies) {
        this.map = map;
        this.includeDependencies = includeDependencies;
        for (Revision source : sources) {
            if (visited.add(source)) {
                frontier.add(source);
            }
        }
    }

    boolean reaches(Revision target) {
        while (!frontier.isEmpty() && frontier.peek().level > target.level) {
            Revision next = frontier.poll();
            for (String down : includeDependencies ? next.normalizedDownRevisions : next.downRevisions()) {
                Revision parent = map.require(down);
                if (visited.add(parent)) {
                    frontier.add(parent);
                }
            }
        }
        return visited.contains(target);
    }
}
