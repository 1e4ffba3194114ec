package dev.migrations.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Memoized answers to "is {@code target} an ancestor of {@code from}" (through down revisions and
 * dependencies, a revision being its own ancestor). Reachability never changes, so every revision a
 * search settles is remembered per target: on a path that reaches the target it is known to reach
 * it; once all its parents are settled without reaching it, it is known not to. Searches descend
 * only through revisions above the target's level and try the lowest parent first (a dependency
 * usually jumps far down), so a line of heads asking about the same target costs one walk in all.
 */
final class Reachability {
    private final RevisionMap map;
    private static final int UPWARD_BUDGET = 256;
    private static final int MAX_BUDGET = 1 << 29;

    private final Map<Revision, Map<Revision, Boolean>> memo = new HashMap<>();

    Reachability(RevisionMap map) {
        this.map = map;
    }

    /**
     * Whether {@code target} is an ancestor of {@code from}. Revisions for which {@code settled}
     * holds are known to lie on no path from a current head to a revision still to be placed (they
     * have been emitted), so a short upward search from the target that skips them often settles
     * the question before the memoized downward search is needed.
     */
    boolean reaches(Revision from, Revision target, Predicate<Revision> settled) {
        if (from == target) {
            return true;
        }
        if (from.level <= target.level) {
            return false;
        }
        // Both searches are exact when they finish; which one finishes soon depends on the shape (a
        // target with few unsettled descendants ends upward, a head with a short path down ends
        // downward, a far-off "no" only upward). So they take turns with doubling budgets: the cost is
        // within a small factor of the cheaper one, where always starting downward once the upward
        // budget ran out cost a walk over everything between head and target per such question.
        for (int budget = UPWARD_BUDGET; ; budget = budget >= MAX_BUDGET ? Integer.MAX_VALUE : budget * 2) {
            Boolean upward = searchUpward(from, target, settled, budget);
            if (upward != null) {
                return upward;
            }
            Boolean downward = searchDownward(from, target, budget);
            if (downward != null) {
                return downward;
            }
        }
    }

    /** Upward from the target below {@code from}'s level; null when the budget runs out first. */
    private Boolean searchUpward(Revision from, Revision target, Predicate<Revision> settled, int budget) {
        Deque<Revision> todo = new ArrayDeque<>();
        Set<Revision> seen = new HashSet<>();
        todo.push(target);
        seen.add(target);
        int left = budget;
        while (!todo.isEmpty()) {
            if (left-- == 0) {
                return null;
            }
            for (String childId : todo.pop().allNextRevisions) {
                Revision child = map.require(childId);
                if (child == from) {
                    return true;
                }
                if (child.level < from.level && !settled.test(child) && seen.add(child)) {
                    todo.push(child);
                }
            }
        }
        return false;
    }

    /**
     * Downward from {@code from}; null when {@code budget} revisions were entered without an answer.
     * What an abandoned search learnt stays valid: a revision is remembered as not reaching the target
     * only once all its parents are known not to.
     */
    private Boolean searchDownward(Revision from, Revision target, int budget) {
        Map<Revision, Boolean> known = memo.computeIfAbsent(target, k -> new HashMap<>());
        Boolean cached = known.get(from);
        if (cached != null) {
            return cached;
        }
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(from, map));
        int left = budget;
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            List<Revision> parents = frame.parents;
            if (frame.next == parents.size()) {
                known.put(frame.rev, Boolean.FALSE);
                stack.pop();
                continue;
            }
            Revision parent = parents.get(frame.next++);
            Boolean state = parent == target ? Boolean.TRUE : known.get(parent);
            if (state == null && parent.level <= target.level) {
                state = Boolean.FALSE;
            }
            if (state == null) {
                if (left-- == 0) {
                    return null;
                }
                stack.push(new Frame(parent, map));
            } else if (state) {
                for (Frame onPath : stack) {
                    known.put(onPath.rev, Boolean.TRUE);
                }
                return true;
            }
        }
        return false;
    }

    private static final class Frame {
        final Revision rev;
        final List<Revision> parents;
        int next;

        Frame(Revision rev, RevisionMap map) {
            this.rev = rev;
            List<Revision> sorted = map.require(rev.normalizedDownRevisions);
            if (sorted.size() > 1) {
                sorted.sort((a, b) -> Integer.compare(a.level, b.level));
            }
            this.parents = sorted;
        }
    }
}
