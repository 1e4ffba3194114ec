package dev.migrations.internal.graph;

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
 *       emit (made to hold up front: revisions below no given head become heads, where Alembic
 *       fails, see {@link #addTipsBelowNoHead}), and no current head reaches one through an emitted
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

    TopologicalSort(RevisionMap map, Collection<Revision> revisions, Collection<Revision> heads) {
        this.todo = map.newSet();
        todo.addAll(revisions);
        for (Revision head : heads) {
            if (todo.contains(head) && !inHeads.get(head.order)) {
                currentHeads.add(head);
                inHeads.set(head.order);
            }
        }
        addTipsBelowNoHead();
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
    }

    /**
     * Makes heads of the revisions to sort that no head reaches, so every one of them is emitted.
     * Alembic walks down from the heads it is given only, and fails an assertion when some revisions
     * to sort are below none of them: a history range whose upper end reaches its lower end only
     * through a dependency collects such a set ({@code history -r r2:r3} where r3 depends on r2 and
     * does not revise it: the revisions revising r2 that r3 needs, without r3). When every revision
     * is below a head, as in every plan and every range Alembic sorts, nothing changes.
     */
    private void addTipsBelowNoHead() {
        BitSet seen = new BitSet();
        int reached = markBelow(currentHeads, seen);
        while (reached < todo.size()) {
            List<Revision> unreached = new ArrayList<>();
            BitSet named = new BitSet();
            for (Revision rev : todo) {
                if (!seen.get(rev.order)) {
                    unreached.add(rev);
                    for (Revision down : rev.normalizedDown) {
                        named.set(down.order);
                    }
                }
            }
            // The graph has no cycles, so some unreached revision is named by no other one.
            List<Revision> tips = new ArrayList<>();
            for (Revision rev : unreached) {
                if (!named.get(rev.order)) {
                    tips.add(rev);
                    currentHeads.add(rev);
                    inHeads.set(rev.order);
                }
            }
            reached += markBelow(tips, seen);
        }
    }

    /**
     * Marks {@code from} (revisions to sort, not marked yet) and every revision to sort below them
     * through revisions to sort; returns how many it marked.
     */
    private int markBelow(List<Revision> from, BitSet seen) {
        List<Revision> stack = new ArrayList<>(from);
        for (Revision rev : from) {
            seen.set(rev.order);
        }
        int marked = from.size();
        while (!stack.isEmpty()) {
            for (Revision down : stack.remove(stack.size() - 1).normalizedDown) {
                if (!seen.get(down.order) && todo.contains(down)) {
                    seen.set(down.order);
                    marked++;
                    stack.add(down);
                }
            }
        }
        return marked;
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
            // Cannot happen: every revision to sort is below a head (see addTipsBelowNoHead).
            throw new IllegalStateException("topological sort left revisions behind: " + todo);
        }
        return output;
    }

    /** The first other current head that has the candidate at {@code idx} as an ancestor, or -1. */
    private int blocker(int idx) {
        Revision candidate = currentHeads.get(idx);
        // Certain: some other head reaches the candidate, so when only one can, it is that one.
        boolean certain = false;
        if (!outside.get(candidate.order)) {
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
