package dev.migrations.internal.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/** Closures over the graph's edges (ancestors, descendants), in Alembic's visiting order. */
final class Walks {
    private Walks() {}

    /** The edges a walk follows from a revision. */
    enum Edges {
        /** Down revisions only. */
        DOWN,
        /** Down revisions and normalized dependencies. */
        NORMALIZED_DOWN,
        /** Down revisions and all dependencies. */
        ALL_DOWN,
        /** Revisions naming this one as a down revision. */
        CHILDREN,
        /** Revisions naming this one as a down revision or a dependency. */
        ALL_CHILDREN;

        Revision[] from(Revision rev) {
            return switch (this) {
                case DOWN -> rev.down;
                case NORMALIZED_DOWN -> rev.normalizedDown;
                case ALL_DOWN -> rev.allDown;
                case CHILDREN -> rev.children;
                case ALL_CHILDREN -> rev.allChildren;
            };
        }
    }

    /**
     * The targets and everything reachable from them, in the order a depth-first walk with an
     * explicit stack first meets them (Alembic's {@code _iterate_related_revisions}).
     *
     * @param byOrder the map's revisions by load position
     * @param check whether to fail when one target is reached from another
     * @throws RevisionGraphException with {@code check}, naming the overlapping targets
     */
    static RevisionSet closure(Revision[] byOrder, Collection<Revision> targets, Edges edges, boolean check) {
        RevisionSet seen = new RevisionSet(byOrder);
        Revision[] stack = new Revision[16];
        for (Revision target : targets) {
            if (target == null || target == RevisionMap.BASE) {
                throw new IllegalStateException("not a revision: " + target);
            }
            // Revisions popped for this target, including ones an earlier target had already seen.
            BitSet perTarget = check ? new BitSet() : null;
            stack[0] = target;
            int top = 1;
            while (top > 0) {
                Revision rev = stack[--top];
                stack[top] = null;
                if (check) {
                    perTarget.set(rev.order);
                }
                if (!seen.add(rev)) {
                    continue;
                }
                Revision[] next = edges.from(rev);
                if (top + next.length > stack.length) {
                    stack = Arrays.copyOf(stack, Math.max(stack.length * 2, top + next.length));
                }
                for (Revision n : next) {
                    stack[top++] = n;
                }
            }
            if (check) {
                failOnOverlap(targets, target, perTarget);
            }
        }
        return seen;
    }

    private static void failOnOverlap(Collection<Revision> targets, Revision target, BitSet reached) {
        List<String> overlaps = new ArrayList<>();
        for (Revision other : targets) {
            if (other != target && reached.get(other.order) && !overlaps.contains(other.id())) {
                overlaps.add(other.id());
            }
        }
        if (!overlaps.isEmpty()) {
            throw new RevisionGraphException("Requested revision " + target.id()
                    + " overlaps with other requested revisions " + String.join(", ", overlaps));
        }
    }
}
