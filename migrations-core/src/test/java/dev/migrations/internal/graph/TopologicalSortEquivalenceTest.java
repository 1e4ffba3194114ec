package dev.migrations.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The lazy-explorer topological sort must emit exactly what Alembic's algorithm (full ancestor
 * sets, recomputed at merges and dependencies) emits. The reference below is a direct transcription.
 */
class TopologicalSortEquivalenceTest {

    private static List<Revision> reference(
            RevisionMap map, Collection<Revision> revisions, Collection<Revision> heads) {
        Set<Revision> todo = new LinkedHashSet<>(revisions);
        List<Revision> current = new ArrayList<>();
        for (Revision head : heads) {
            if (todo.contains(head) && !current.contains(head)) {
                current.add(head);
            }
        }
        current.sort((a, b) -> Integer.compare(a.order, b.order));
        List<Set<Revision>> ancestors = new ArrayList<>();
        for (Revision head : current) {
            ancestors.add(map.ancestors(List.of(head), true));
        }
        List<Revision> output = new ArrayList<>();
        int idx = 0;
        while (!current.isEmpty()) {
            Revision candidate = current.get(idx);
            int blocker = -1;
            for (int i = 0; i < ancestors.size(); i++) {
                if (i != idx && ancestors.get(i).contains(candidate)) {
                    blocker = i;
                    break;
                }
            }
            if (blocker >= 0) {
                idx = blocker;
                continue;
            }
            if (todo.remove(candidate)) {
                output.add(candidate);
            }
            List<Revision> toAdd = new ArrayList<>();
            for (String down : candidate.normalizedDownRevisions()) {
                Revision rev = map.byId(down);
                if (todo.contains(rev) && !current.contains(rev)) {
                    toAdd.add(rev);
                }
            }
            if (toAdd.isEmpty()) {
                current.remove(idx);
                ancestors.remove(idx);
                idx = Math.max(idx - 1, 0);
            } else if (candidate.normalizedDependencies().isEmpty()
                    && candidate.downRevisions().size() == 1) {
                current.set(idx, toAdd.get(0));
                ancestors.get(idx).remove(candidate);
            } else {
                current.set(idx, toAdd.get(0));
                ancestors.set(idx, map.ancestors(List.of(toAdd.get(0)), true));
                for (Revision extra : toAdd.subList(1, toAdd.size())) {
                    current.add(extra);
                    ancestors.add(map.ancestors(List.of(extra), true));
                }
            }
        }
        if (!todo.isEmpty()) {
            throw new IllegalStateException("topological sort left revisions behind: " + todo);
        }
        return output;
    }

    /**
     * The same order; where Alembic's algorithm fails because some revisions to sort are below no
     * head, every revision once, each before its down revisions and dependencies.
     */
    private static boolean assertSameSort(
            RevisionMap map, Traversal traversal, Collection<Revision> revisions, Collection<Revision> heads) {
        List<Revision> expected;
        try {
            expected = reference(map, revisions, heads);
        } catch (IllegalStateException e) {
            List<Revision> sorted = traversal.topologicalSort(revisions, heads);
            assertThat(sorted).containsExactlyInAnyOrderElementsOf(revisions);
            for (int i = 0; i < sorted.size(); i++) {
                Revision newer = sorted.get(i);
                int at = i;
                for (Revision older : map.ancestors(List.of(newer), true)) {
                    if (older != newer) {
                        assertThat(sorted.indexOf(older))
                                .as("%s is newer than %s", newer, older)
                                .matches(index -> index < 0 || index > at);
                    }
                }
            }
            return true;
        }
        assertThat(traversal.topologicalSort(revisions, heads)).isEqualTo(expected);
        return false;
    }

    private static RevisionMap randomGraph(Random random, int size) {
        List<Revision> revisions = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = "r" + i;
            List<String> down = new ArrayList<>();
            List<String> deps = new ArrayList<>();
            if (!ids.isEmpty() && random.nextInt(8) != 0) {
                down.add(ids.get(Math.max(0, ids.size() - 1 - random.nextInt(Math.min(ids.size(), 4)))));
                if (random.nextInt(5) == 0) {
                    String other = ids.get(random.nextInt(ids.size()));
                    if (!down.contains(other)) {
                        down.add(other);
                    }
                }
            }
            if (!ids.isEmpty() && random.nextInt(6) == 0) {
                String dep = ids.get(random.nextInt(ids.size()));
                if (!down.contains(dep)) {
                    deps.add(dep);
                }
            }
            revisions.add(new Revision(id, down, deps, List.of()));
            ids.add(id);
        }
        // Shuffle the load order so it is not a topological order.
        java.util.Collections.shuffle(revisions, random);
        return new RevisionMap(revisions);
    }

    @Test
    void lazySortEmitsExactlyWhatAlembicsAlgorithmEmits() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            RevisionMap map = randomGraph(random, 5 + random.nextInt(60));
            Traversal traversal = new Traversal(map);
            List<Revision> all = new ArrayList<>(map.revisions());
            List<Revision> heads = map.require(map.realHeads());
            assertThat(traversal.topologicalSort(all, heads)).isEqualTo(reference(map, all, heads));

            // A random database state and its upgrade to heads and downgrade to base.
            Revision row = all.get(random.nextInt(all.size()));
            Traversal.Collected up = traversal.collectUpgrade(
                    Traversal.Arg.of("heads"), Traversal.Arg.of(List.of(row.id())), false, true, true);
            assertThat(traversal.topologicalSort(up.revisions(), up.heads()))
                    .isEqualTo(reference(map, up.revisions(), up.heads()));
            Traversal.Collected down = traversal.collectDowngrade(List.of(row.id()), "base", false, false, true);
            assertThat(traversal.topologicalSort(down.revisions(), down.heads()))
                    .isEqualTo(reference(map, down.revisions(), down.heads()));
        }
    }

    /** Large enough that reachability searches exhaust their first budgets and take turns. */
    @Test
    void lazySortMatchesOnLargeGraphsWhereSearchesRunOutOfBudget() {
        Random random = new Random(11);
        for (int round = 0; round < 6; round++) {
            RevisionMap map = randomGraph(random, 1500 + random.nextInt(1500));
            Traversal traversal = new Traversal(map);
            List<Revision> all = new ArrayList<>(map.revisions());
            List<Revision> heads = map.require(map.realHeads());
            assertThat(traversal.topologicalSort(all, heads)).isEqualTo(reference(map, all, heads));
        }
    }

    /**
     * Many branches open at once, so candidates often have several other heads above them (the ones
     * before the last are asked, the last is deduced), and history ranges whose revisions to sort
     * leave out some in between (a revision outside the set revises one inside; some of those
     * ranges leave revisions below no head, where Alembic's sort fails and this one sorts them).
     */
    @Test
    void lazySortMatchesOnWideGraphsAndHistoryRanges() {
        Random random = new Random(23);
        int belowNoHead = 0;
        for (int round = 0; round < 200; round++) {
            RevisionMap map = wideGraph(random, 10 + random.nextInt(120));
            Traversal traversal = new Traversal(map);
            List<Revision> all = new ArrayList<>(map.revisions());
            for (List<String> headIds : List.of(map.realHeads(), map.heads())) {
                assertSameSort(map, traversal, all, map.require(headIds));
            }
            for (int i = 0; i < 5; i++) {
                Revision lower = all.get(random.nextInt(all.size()));
                Revision upper = all.get(random.nextInt(all.size()));
                Traversal.Collected range;
                try {
                    range = traversal.collectUpgrade(
                            Traversal.Arg.of(upper.id()), Traversal.Arg.of(lower.id()), true, false, false);
                } catch (RevisionGraphException e) {
                    continue; // not an ancestor range
                }
                if (assertSameSort(map, traversal, range.revisions(), range.heads())) {
                    belowNoHead++;
                }
            }
        }
        assertThat(belowNoHead).as("ranges with revisions below no head").isPositive();
    }

    /** The benchmark's shape: a trunk, side branches merging back, a second root the trunk depends on. */
    @Test
    void lazySortMatchesOnTrunkWithSideBranchesAndCrossDependencies() {
        Random random = new Random(42);
        List<Revision> revisions = new ArrayList<>();
        String trunk = null;
        String side = null;
        String other = null;
        for (int i = 0; i < 4000; i++) {
            String id = "r" + i;
            List<String> down = new ArrayList<>();
            List<String> deps = new ArrayList<>();
            if (i == 1) {
                other = id;
            } else if (i % 97 == 0 && other != null) {
                down.add(other);
                other = id;
            } else if (side == null && i % 31 == 0 && trunk != null) {
                down.add(trunk);
                side = id;
            } else if (side != null && random.nextInt(3) == 0) {
                down.add(side);
                side = id;
            } else if (side != null && i % 29 == 0) {
                down.add(trunk);
                down.add(side);
                trunk = id;
                side = null;
            } else {
                if (trunk != null) {
                    down.add(trunk);
                }
                if (i % 211 == 0 && other != null) {
                    deps.add(other);
                }
                trunk = id;
            }
            revisions.add(new Revision(id, down, deps, List.of()));
        }
        RevisionMap map = new RevisionMap(revisions);
        Traversal traversal = new Traversal(map);
        List<Revision> all = new ArrayList<>(map.revisions());
        List<Revision> heads = map.require(map.heads());
        assertThat(traversal.topologicalSort(all, heads)).isEqualTo(reference(map, all, heads));
    }

    /** Down revisions from anywhere in the last 20, frequent merges and dependencies. */
    private static RevisionMap wideGraph(Random random, int size) {
        List<Revision> revisions = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String id = "w" + i;
            List<String> down = new ArrayList<>();
            List<String> deps = new ArrayList<>();
            if (!ids.isEmpty() && random.nextInt(12) != 0) {
                int parents = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
                for (int p = 0; p < parents; p++) {
                    String parent = ids.get(Math.max(0, ids.size() - 1 - random.nextInt(Math.min(ids.size(), 20))));
                    if (!down.contains(parent)) {
                        down.add(parent);
                    }
                }
            }
            if (!ids.isEmpty() && random.nextInt(3) == 0) {
                String dep = ids.get(random.nextInt(ids.size()));
                if (!down.contains(dep)) {
                    deps.add(dep);
                }
            }
            revisions.add(new Revision(id, down, deps, List.of()));
            ids.add(id);
        }
        java.util.Collections.shuffle(revisions, random);
        return new RevisionMap(revisions);
    }
}
