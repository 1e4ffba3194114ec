package dev.migrations.internal.graph;

import dev.migrations.internal.graph.Walks.Edges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link RevisionMap}'s graph from revisions in load order: ids and branch labels,
 * dependencies, the edges in both directions, heads and bases, cycle detection, levels,
 * normalized dependencies and propagated branch labels. Every step is one pass over the revisions
 * and their edges.
 */
final class GraphBuilder {
    final Map<String, Revision> ids;
    /** Branch labels in declaration order, for exact and prefix lookup after the ids. */
    final Map<String, Revision> labels = new LinkedHashMap<>();

    final Revision[] byOrder;
    final List<String> heads;
    final List<String> realHeads;
    final List<String> bases;
    final List<String> realBases;

    GraphBuilder(List<Revision> revisions) {
        byOrder = new Revision[revisions.size()];
        ids = new LinkedHashMap<>(Math.max(16, (int) (revisions.size() / 0.75f) + 1));
        int order = 0;
        for (Revision revision : revisions) {
            if (revision.attached || revision == RevisionMap.BASE) {
                throw new IllegalArgumentException("revision " + revision.id() + " already belongs to a map");
            }
            revision.attached = true;
            if (ids.containsKey(revision.id())) {
                throw new RevisionGraphException("Revision " + revision.id() + " is present more than once");
            }
            revision.order = order;
            byOrder[order++] = revision;
            ids.put(revision.id(), revision);
        }
        mapBranchLabels();
        addDependsOn();
        link();
        List<Revision> headList = new ArrayList<>();
        List<Revision> realHeadList = new ArrayList<>();
        List<Revision> baseList = new ArrayList<>();
        List<Revision> realBaseList = new ArrayList<>();
        for (Revision rev : byOrder) {
            addIf(rev.isHead(), headList, rev);
            addIf(rev.isRealHead(), realHeadList, rev);
            addIf(rev.isBase(), baseList, rev);
            addIf(rev.isRealBase(), realBaseList, rev);
        }
        // Alembic normalizes dependencies before it looks for cycles; nothing observable depends on
        // the order, and levels (which normalization uses) need an acyclic graph.
        detectCycles(headList, baseList, realHeadList, realBaseList);
        computeLevels();
        normalizeDependsOn();
        heads = RevisionMap.toIds(headList);
        realHeads = RevisionMap.toIds(realHeadList);
        bases = RevisionMap.toIds(baseList);
        realBases = RevisionMap.toIds(realBaseList);
        addBranches();
    }

    private static void addIf(boolean condition, List<Revision> list, Revision rev) {
        if (condition) {
            list.add(rev);
        }
    }

    /**
     * Levels (longest distance from a base through down revisions and dependencies) in one pass over a
     * post-order, without recursion. Every edge goes to a lower level, which lets reachability
     * questions stop early ({@link AncestorExplorer}, {@link Reachability}). Runs after cycle detection.
     */
    private void computeLevels() {
        // 1 = open (on the current path), 2 = done. A parent that is open closes a cycle: Alembic's
        // head/base reachability check misses cycles reachable from both ends, which would loop here.
        byte[] state = new byte[byOrder.length];
        Revision[] stack = new Revision[16];
        for (Revision root : byOrder) {
            stack[0] = root;
            int top = 1;
            while (top > 0) {
                Revision rev = stack[top - 1];
                if (state[rev.order] == 2) {
                    top--;
                } else if (state[rev.order] == 1) {
                    top--;
                    int level = 0;
                    for (Revision down : rev.allDown) {
                        level = Math.max(level, down.level + 1);
                    }
                    rev.level = level;
                    state[rev.order] = 2;
                } else {
                    state[rev.order] = 1;
                    if (top + rev.allDown.length > stack.length) {
                        stack = Arrays.copyOf(stack, Math.max(stack.length * 2, top + rev.allDown.length));
                    }
                    for (Revision parent : rev.allDown) {
                        if (state[parent.order] == 1) {
                            throw cycle(stack, top, state, parent);
                        }
                        if (state[parent.order] == 0) {
                            stack[top++] = parent;
                        }
                    }
                }
            }
        }
    }

    /**
     * The cycle closed by an edge from the top of the stack to {@code start}: the open revisions from
     * the top down to {@code start}, each with an edge to the one above it. A "Dependency cycle" when
     * any of its edges is a dependency, else a "Cycle".
     */
    private static CycleDetectedException cycle(Revision[] stack, int top, byte[] state, Revision start) {
        List<Revision> path = new ArrayList<>();
        for (int i = top - 1; i >= 0; i--) {
            Revision rev = stack[i];
            if (state[rev.order] == 1 && !path.contains(rev)) {
                path.add(rev);
                if (rev == start) {
                    break;
                }
            }
        }
        boolean dependency = !path.get(0).downRevisions().contains(start.id());
        for (int i = 1; i < path.size(); i++) {
            dependency |= !path.get(i).downRevisions().contains(path.get(i - 1).id());
        }
        List<String> ids = new ArrayList<>();
        for (int i = path.size() - 1; i >= 0; i--) {
            ids.add(path.get(i).id());
        }
        return new CycleDetectedException(dependency ? "Dependency cycle" : "Cycle", ids);
    }

    /** The revision with this id, else the one declaring this branch label, else null. */
    private Revision key(String key) {
        Revision rev = ids.get(key);
        return rev != null ? rev : labels.get(key);
    }

    private void mapBranchLabels() {
        for (Revision rev : byOrder) {
            for (String label : rev.declaredBranchLabels()) {
                Revision existing = key(label);
                if (existing != null) {
                    throw new RevisionGraphException(
                            "Branch name '" + label + "' in revision " + rev.id() + " already used by revision "
                                    + existing.id(),
                            List.of(rev.id(), existing.id()),
                            "a branch label must differ from every other label and revision id: rename it in the"
                                    + " 'Branch Labels' line of " + rev.id());
                }
                labels.put(label, rev);
            }
        }
    }

    private void addDependsOn() {
        for (Revision rev : byOrder) {
            if (rev.dependencies().isEmpty()) {
                rev.allDownRevisions = rev.downRevisions();
                rev.normalizedDownRevisions = rev.downRevisions();
                continue;
            }
            List<String> resolved = new ArrayList<>();
            for (String dep : rev.dependencies()) {
                Revision target = key(dep);
                if (target == null) {
                    throw new RevisionGraphException(
                            "Dependency " + dep + " of revision " + rev.id()
                                    + " is not present; it must name a revision id or a branch label",
                            List.of(rev.id()),
                            "correct the 'Depends On' line of " + rev.id() + " or add the script of " + dep);
                }
                resolved.add(target.id());
            }
            rev.resolvedDependencies = Revision.dedupe(resolved);
            rev.allDownRevisions = Revision.concatDistinct(rev.downRevisions(), rev.resolvedDependencies);
            rev.normalizedDownRevisions = rev.allDownRevisions;
        }
    }

    /**
     * Resolves the down edges to revisions and fills in the children, in load order: counted first
     * so each revision gets arrays of the exact size.
     */
    private void link() {
        int[] childCount = new int[byOrder.length];
        int[] allChildCount = new int[byOrder.length];
        for (Revision rev : byOrder) {
            Revision[] allDown = new Revision[rev.allDownRevisions.size()];
            int downCount = rev.downRevisions().size();
            for (int i = 0; i < allDown.length; i++) {
                String id = rev.allDownRevisions.get(i);
                Revision downRev = ids.get(id);
                if (downRev == null) {
                    throw new RevisionGraphException(
                            "Revision " + id + " referenced from " + rev.id() + " is not present",
                            List.of(rev.id()),
                            "correct the 'Revises' line of " + rev.id() + " or add the script of " + id);
                }
                allDown[i] = downRev;
                allChildCount[downRev.order]++;
                // The down revisions come first in allDownRevisions; a dependency equal to one is
                // dropped there, so index order tells the two apart.
                if (i < downCount) {
                    childCount[downRev.order]++;
                }
            }
            rev.allDown = allDown.length == 0 ? Revision.NONE : allDown;
            rev.down = downCount == allDown.length ? rev.allDown : Arrays.copyOf(allDown, downCount);
            rev.normalizedDown = rev.allDown;
        }
        for (Revision rev : byOrder) {
            int children = childCount[rev.order];
            int allChildren = allChildCount[rev.order];
            rev.children = children == 0 ? Revision.NONE : new Revision[children];
            rev.allChildren = allChildren == 0 ? Revision.NONE : new Revision[allChildren];
            childCount[rev.order] = 0;
            allChildCount[rev.order] = 0;
        }
        for (Revision rev : byOrder) {
            for (int i = 0; i < rev.allDown.length; i++) {
                Revision downRev = rev.allDown[i];
                downRev.allChildren[allChildCount[downRev.order]++] = rev;
                if (i < rev.down.length) {
                    downRev.children[childCount[downRev.order]++] = rev;
                }
            }
        }
    }

    /**
     * Drops each dependency that a strict ancestor (through down revisions) already declares. Alembic
     * walks every ancestor of every revision with dependencies; asking only whether one of the other
     * revisions declaring the same dependency is an ancestor gives the same result. They are asked
     * about highest level first (an ancestor declaring it is usually close), and one explorer per
     * revision walks down only as far as the lowest one asked about.
     */
    private void normalizeDependsOn() {
        Map<String, List<Revision>> declarers = new HashMap<>();
        for (Revision rev : byOrder) {
            for (String dep : rev.resolvedDependencies) {
                declarers.computeIfAbsent(dep, k -> new ArrayList<>()).add(rev);
            }
        }
        Comparator<Revision> highestFirst = (a, b) -> Integer.compare(b.level, a.level);
        for (List<Revision> list : declarers.values()) {
            list.sort(highestFirst);
        }
        for (Revision rev : byOrder) {
            if (rev.resolvedDependencies.isEmpty()) {
                continue;
            }
            AncestorExplorer explorer = null;
            List<String> normalized = new ArrayList<>();
            for (String dep : rev.resolvedDependencies) {
                List<Revision> others = declarers.get(dep);
                boolean implied = false;
                for (int i = firstBelow(others, rev.level); i < others.size() && !implied; i++) {
                    if (explorer == null) {
                        explorer = new AncestorExplorer(List.of(rev), Edges.DOWN);
                    }
                    implied = explorer.reaches(others.get(i));
                }
                if (!implied) {
                    normalized.add(dep);
                }
            }
            rev.normalizedDependencies = List.copyOf(normalized);
            rev.normalizedDownRevisions = Revision.concatDistinct(rev.downRevisions(), rev.normalizedDependencies);
            if (rev.normalizedDownRevisions.size() != rev.allDown.length) {
                Revision[] normalizedDown = new Revision[rev.normalizedDownRevisions.size()];
                for (int i = 0; i < normalizedDown.length; i++) {
                    normalizedDown[i] = ids.get(rev.normalizedDownRevisions.get(i));
                }
                rev.normalizedDown = normalizedDown;
            }
        }
    }

    /** The index of the first revision below {@code level} in a list sorted highest level first. */
    private static int firstBelow(List<Revision> highestFirst, int level) {
        int lo = 0;
        int hi = highestFirst.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (highestFirst.get(mid).level >= level) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void detectCycles(
            List<Revision> headList,
            List<Revision> baseList,
            List<Revision> realHeadList,
            List<Revision> realBaseList) {
        if (ids.isEmpty()) {
            return;
        }
        if (headList.isEmpty() || baseList.isEmpty()) {
            throw new CycleDetectedException("Cycle", List.copyOf(ids.keySet()));
        }
        Set<String> unreachable = unreachable(headList, baseList, Edges.DOWN, Edges.CHILDREN);
        if (!unreachable.isEmpty()) {
            throw new CycleDetectedException("Cycle", List.copyOf(unreachable));
        }
        if (realHeadList.isEmpty() || realBaseList.isEmpty()) {
            throw new CycleDetectedException("Dependency cycle", List.copyOf(ids.keySet()));
        }
        unreachable = unreachable(realHeadList, realBaseList, Edges.ALL_DOWN, Edges.ALL_CHILDREN);
        if (!unreachable.isEmpty()) {
            throw new CycleDetectedException("Dependency cycle", List.copyOf(unreachable));
        }
    }

    /** The revisions not both below a head and above a base, sorted; empty for an acyclic graph. */
    private Set<String> unreachable(Collection<Revision> top, Collection<Revision> bottom, Edges down, Edges up) {
        RevisionSet below = Walks.closure(byOrder, top, down, false);
        RevisionSet above = Walks.closure(byOrder, bottom, up, false);
        Set<String> result = new TreeSet<>();
        for (Revision rev : byOrder) {
            if (!below.contains(rev) || !above.contains(rev)) {
                result.add(rev.id());
            }
        }
        return result;
    }

    private void addBranches() {
        for (Revision rev : byOrder) {
            List<String> declared = rev.declaredBranchLabels();
            if (declared.isEmpty()) {
                continue;
            }
            Revision last = rev;
            for (Revision node : Walks.closure(byOrder, List.of(rev), Edges.CHILDREN, false)) {
                node.addBranchLabels(declared);
                last = node;
            }
            // Alembic then walks down from the last descendant it visited, labelling each revision
            // until one that has several children (dependents count) or is a merge point.
            Revision parent = last;
            while (!parent.isRealBranchPoint() && !parent.isMergePoint()) {
                parent.addBranchLabels(declared);
                if (parent.down.length == 0) {
                    break;
                }
                parent = parent.down[0];
            }
        }
    }
}
