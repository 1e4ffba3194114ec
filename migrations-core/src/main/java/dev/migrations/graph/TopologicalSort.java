package dev.migrations.graph;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Alembic's topological sort ({@code _topological_sort}): revisions always after their down
 * revisions and dependencies, walked down from the heads, load order breaking ties.
 *
 * <p>Alembic keeps a list of current heads and the full ancestor set of each, recomputed at every
 * merge or dependency, which is quadratic on long histories; before emitting the current candidate
 * it asks whether another current head has it as an ancestor, and if so moves on to the first
 * such head. Only revisions not yet emitted are ever asked about, and for those membership equals
 * reachability from the head (see {@code TopologicalSortEquivalenceTest}). This class answers the
 * question without those sets:
 *
 * <ul>
 *   <li>Every revision still to emit is reachable from a current head through revisions still to
 *       emit (checked once up front; when it does not hold the sort fails anyway, and then every
 *       question goes to {@link Reachability}), and no current head reaches one through an emitted
 *       revision (that one would not have been emitted). So a candidate that some revision still to
 *       emit revises or depends on is certainly another head's ancestor, and one that none does (and
 *       that no revision outside the sorted set revises) is nobody's: a count per revision answers
 *       most questions.
 *   <li>When it is some head's ancestor, only the heads whose level is above its own can reach it;
 *       the last of them needs no search, and the others ask {@link Reachability}.
 * </ul>
 */
final class TopologicalSort {
    private final Set<Revision> todo;
    private final List<Revision> currentHeads = new ArrayList<>();
    private final BitSet inHeads = new BitSet();
    private final BitSet emitted = new BitSet();
    /** Per revision: how many revisions still to emit name it as a down revision or dependency. */
    private final int[] pending;
    /** Revisions named by a revision outside the sorted set: the counts do not answer for them. */
    private final BitSet outside = new BitSet();

    private final Reachability reachability;
    private final boolean counted;

    TopologicalSort(RevisionMap map, Collection<Revision> revisions, Collection<Revision> heads) {
        this.todo = map.newSet();
        todo.addAll(revisions);
        for (Revision head : heads) {
            if (todo.contains(head) && !inHeads.get(head.order)) {
                currentHeads.add(head);
                inHeads.set(head.order);
            }
        }
        currentHeads.sort((a, b) -> Integer.compare(a.order, b.order));
        this.reachability = new Reachability(map.size(), emitted);
        this.pending = new int[map.size()];
        for (Revision rev : todo) {
            for (Revision down : rev.allDown) {
                pending[down.order]++;
            }
        }
        for (Revision rev : todo) {
            if (rev.allChildren.length > pending[rev.order]) {
                outside.set(rev.order);
            }
        }
        this.counted = everyRevisionBelowTheHeads();
    }

    /** Whether every revision to sort is reachable from the heads through revisions to sort. */
    private boolean everyRevisionBelowTheHeads() {
        BitSet seen = new BitSet();
        List<Revision> stack = new ArrayList<>(currentHeads);
        for (Revision head : currentHeads) {
            seen.set(head.order);
        }
        int reached = currentHeads.size();
        while (!stack.isEmpty()) {
            for (Revision down : stack.remove(stack.size() - 1).normalizedDown) {
                if (!seen.get(down.order) && todo.contains(down)) {
                    seen.set(down.order);
                    reached++;
                    stack.add(down);
                }
            }
        }
        return reached == todo.size();
    }

    /** The revisions in downward order (newest first). */
    List<Revision> run() {
        List<Revision> output = new ArrayList<>(todo.size());
        int idx = 0;
        while (!currentHeads.isEmpty()) {
            Revision candidate = currentHeads.get(idx);
            int blocker = blocker(idx);
            if (blocker >= 0) {
                idx = blocker;
                continue;
            }
            if (todo.remove(candidate)) {
                output.add(candidate);
                emitted.set(candidate.order);
                for (Revision down : candidate.allDown) {
                    pending[down.order]--;
                }
            }
            List<Revision> toAdd = new ArrayList<>(candidate.normalizedDown.length);
            for (Revision rev : candidate.normalizedDown) {
                if (todo.contains(rev) && !inHeads.get(rev.order)) {
                    toAdd.add(rev);
                }
            }
            inHeads.clear(candidate.order);
            if (toAdd.isEmpty()) {
                currentHeads.remove(idx);
                idx = Math.max(idx - 1, 0);
            } else {
                currentHeads.set(idx, toAdd.get(0));
                currentHeads.addAll(toAdd.subList(1, toAdd.size()));
                for (Revision rev : toAdd) {
                    inHeads.set(rev.order);
                }
            }
        }
        if (!todo.isEmpty()) {
            throw new IllegalStateException("topological sort left revisions behind: " + todo);
        }
        return output;
    }

    /** The first other current head that has the candidate at {@code idx} as an ancestor, or -1. */
    private int blocker(int idx) {
        Revision candidate = currentHeads.get(idx);
        // Certain: some other head reaches the candidate, so when only one can, it is that one.
        boolean certain = false;
        if (counted && !outside.get(candidate.order)) {
            if (pending[candidate.order] == 0) {
                return -1;
            }
            certain = true;
        }
        int last = -1;
        if (certain) {
            for (int i = currentHeads.size() - 1; i >= 0 && last < 0; i--) {
                if (i != idx && currentHeads.get(i).level > candidate.level) {
                    last = i;
                }
            }
        }
        for (int i = 0; i < currentHeads.size(); i++) {
            if (i != idx && (i == last || reachability.reaches(currentHeads.get(i), candidate))) {
                return i;
            }
        }
        return -1;
    }
}
