package dev.migrations.internal.graph;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Memoized answers to "is {@code target} an ancestor of {@code from}" (through down revisions and
 * dependencies, a revision being its own ancestor) during one topological sort. Reachability never
 * changes, so every revision a search settles is remembered per target: on a path that reaches the
 * target it is known to reach it; once all its parents are settled without reaching it, it is known
 * not to. Searches descend only through revisions above the target's level and try the lowest
 * parent first (a dependency usually jumps far down), so a line of heads asking about the same
 * target costs one walk in all.
 */
final class Reachability {
    private static final int UPWARD_BUDGET = 256;
    private static final int MAX_BUDGET = 1 << 29;

    /** Revisions already emitted: they lie on no path from a current head to one still to place. */
    private final BitSet settled;

    private final Map<Revision, Map<Revision, Boolean>> memo = new HashMap<>();
    private final int size;
    /**
     * Upward searches mark what they have seen with their own number, so one array serves them all;
     * made on the first one (most sorts answer every question without a search).
     */
    private int[] seenBy;

    private int search;
    private Revision[] upStack = new Revision[64];

    /**
     * Creates the answers for one sort.
     *
     * @param size the number of revisions in the map
     * @param settled the emitted revisions by load position, updated by the sort as it goes
     */
    Reachability(int size, BitSet settled) {
        this.settled = settled;
        this.size = size;
    }

    /**
     * Whether {@code target} is an ancestor of {@code from}. A short upward search from the target
     * that skips settled revisions often answers before the memoized downward search is needed.
     */
    boolean reaches(Revision from, Revision target) {
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
            Boolean upward = searchUpward(from, target, budget);
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
    private Boolean searchUpward(Revision from, Revision target, int budget) {
        if (seenBy == null) {
            seenBy = new int[size];
        }
        int mark = ++search;
        Revision[] stack = upStack;
        stack[0] = target;
        int top = 1;
        seenBy[target.order] = mark;
        int left = budget;
        try {
            while (top > 0) {
                if (left-- == 0) {
                    return null;
                }
                Revision[] children = stack[--top].allChildren;
                if (top + children.length > stack.length) {
                    stack = Arrays.copyOf(stack, Math.max(stack.length * 2, top + children.length));
                }
                for (Revision child : children) {
                    if (child == from) {
                        return true;
                    }
                    if (child.level < from.level && !settled.get(child.order) && seenBy[child.order] != mark) {
                        seenBy[child.order] = mark;
                        stack[top++] = child;
                    }
                }
            }
            return false;
        } finally {
            upStack = stack;
        }
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
        stack.push(new Frame(from));
        int left = budget;
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            Revision[] parents = frame.parents;
            if (frame.next == parents.length) {
                known.put(frame.rev, Boolean.FALSE);
                stack.pop();
                continue;
            }
            Revision parent = parents[frame.next++];
            Boolean state = parent == target ? Boolean.TRUE : known.get(parent);
            if (state == null && parent.level <= target.level) {
                state = Boolean.FALSE;
            }
            if (state == null) {
                if (left-- == 0) {
                    return null;
                }
                stack.push(new Frame(parent));
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
        final Revision[] parents;
        int next;

        Frame(Revision rev) {
            this.rev = rev;
            Revision[] parents = rev.normalizedDown;
            if (parents.length > 1) {
                parents = parents.clone();
                Arrays.sort(parents, (a, b) -> Integer.compare(a.level, b.level));
            }
            this.parents = parents;
        }
    }
}
