package dev.migrations.internal.graph;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A set of revisions of one map that iterates in insertion order, like a {@code LinkedHashSet},
 * in a bit per revision of the map plus a list: membership is a bit test on the revision's load
 * position, with no hashing and no entry objects. Walks over large graphs build several of these,
 * so their size matters (about 4 bytes per member against some 50 for a {@code LinkedHashSet}).
 *
 * <p>A removed revision stays in the list, skipped when iterating, until the next addition.
 */
final class RevisionSet extends AbstractSet<Revision> {
    private final Revision[] byOrder;
    private final BitSet members = new BitSet();
    /** Revisions in insertion order; may hold removed ones (whose bit is clear). */
    private final List<Revision> order = new ArrayList<>();

    private int size;
    /** Whether {@link #order} holds removed revisions. */
    private boolean holes;

    /**
     * Creates an empty set.
     *
     * @param byOrder the map's revisions by load position: what tells its revisions from others
     */
    RevisionSet(Revision[] byOrder) {
        this.byOrder = byOrder;
    }

    private boolean belongs(Object o) {
        return o instanceof Revision rev && rev.order < byOrder.length && byOrder[rev.order] == rev;
    }

    @Override
    public boolean contains(Object o) {
        return belongs(o) && members.get(((Revision) o).order);
    }

    @Override
    public boolean add(Revision rev) {
        if (!belongs(rev)) {
            throw new IllegalArgumentException(rev + " is not a revision of this map");
        }
        if (members.get(rev.order)) {
            return false;
        }
        if (holes) {
            // Possibly added again after a removal: it moves to the end, as in a LinkedHashSet. One
            // pass drops every removed revision, so a run of additions after removals costs one pass.
            order.removeIf(r -> !members.get(r.order));
            holes = false;
        }
        members.set(rev.order);
        order.add(rev);
        size++;
        return true;
    }

    @Override
    public boolean remove(Object o) {
        if (!contains(o)) {
            return false;
        }
        members.clear(((Revision) o).order);
        size--;
        holes = true;
        return true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        members.clear();
        order.clear();
        size = 0;
        holes = false;
    }

    @Override
    public Iterator<Revision> iterator() {
        return new Iterator<>() {
            private int next = advance(0);
            private Revision last;

            private int advance(int from) {
                int i = from;
                while (i < order.size() && !members.get(order.get(i).order)) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < order.size();
            }

            @Override
            public Revision next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = order.get(next);
                next = advance(next + 1);
                return last;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException();
                }
                RevisionSet.this.remove(last);
                last = null;
            }
        };
    }
}
