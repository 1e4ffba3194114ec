package dev.migrations.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The revision graph, built from revisions in load order, with Alembic's rules for heads, bases,
 * branch labels and dependencies, and its grammar for identifiers.
 *
 * <pre>{@code
 * RevisionMap map = new RevisionMap(List.of(
 *         new Revision("a", List.of(), List.of(), List.of()),
 *         new Revision("b", List.of("a"), List.of(), List.of("feature"))));
 * map.heads();                  // [b]
 * map.getRevisions("feature");  // [b]
 * }</pre>
 */
public final class RevisionMap {
    /** Marker for "walked down to base", distinct from "walked off the graph" (null). */
    static final Revision BASE = new Revision("base", List.of(), List.of(), List.of());

    private final Map<String, Revision> ids = new LinkedHashMap<>();
    /** Ids then branch labels, in the order Alembic's map has them; keys for exact and prefix lookup. */
    private final Map<String, Revision> keys = new LinkedHashMap<>();

    private final List<String> heads;
    private final List<String> realHeads;
    private final List<String> bases;
    private final List<String> realBases;

    /**
     * Builds the graph.
     *
     * @param revisions the revisions in load order (sorted file names per location)
     * @throws RevisionGraphException for duplicate ids, label clashes, missing parents or dependencies
     * @throws CycleDetectedException for cycles through down revisions or dependencies
     */
    public RevisionMap(List<Revision> revisions) {
        int order = 0;
        for (Revision revision : revisions) {
            if (revision.attached || revision == BASE) {
                throw new IllegalArgumentException("revision " + revision.id() + " already belongs to a map");
            }
            revision.attached = true;
            if (ids.containsKey(revision.id())) {
                throw new RevisionGraphException("Revision " + revision.id() + " is present more than once");
            }
            revision.order = order++;
            ids.put(revision.id(), revision);
        }
        keys.putAll(ids);
        mapBranchLabels();
        addDependsOn();
        Set<Revision> headSet = new LinkedHashSet<>(ids.values());
        Set<Revision> realHeadSet = new LinkedHashSet<>(ids.values());
        for (Revision rev : ids.values()) {
            for (String down : rev.allDownRevisions) {
                Revision downRev = ids.get(down);
                if (downRev == null) {
                    throw new RevisionGraphException(
                            "Revision " + down + " referenced from " + rev.id() + " is not present");
                }
                downRev.allNextRevisions.add(rev.id());
                if (rev.downRevisions().contains(down)) {
                    downRev.nextRevisions.add(rev.id());
                    headSet.remove(downRev);
                }
                realHeadSet.remove(downRev);
            }
        }
        List<Revision> baseList = new ArrayList<>();
        List<Revision> realBaseList = new ArrayList<>();
        for (Revision rev : ids.values()) {
            if (rev.isBase()) {
                baseList.add(rev);
            }
            if (rev.isRealBase()) {
                realBaseList.add(rev);
            }
        }
        // Alembic normalizes dependencies before it looks for cycles; nothing observable depends on
        // the order, and levels (which normalization uses) need an acyclic graph.
        detectCycles(headSet, baseList, realHeadSet, realBaseList);
        computeLevels();
        normalizeDependsOn();
        this.heads = idsOf(headSet);
        this.realHeads = idsOf(realHeadSet);
        this.bases = idsOf(baseList);
        this.realBases = idsOf(realBaseList);
        addBranches();
    }

    /**
     * Levels (longest distance from a base through down revisions and dependencies) in one pass over a
     * post-order, without recursion. Every edge goes to a lower level, which lets reachability
     * questions stop early ({@link AncestorExplorer}). Runs after cycle detection.
     */
    private void computeLevels() {
        // 1 = open (on the current path), 2 = done. A parent that is open closes a cycle: Alembic's
        // head/base reachability check misses cycles reachable from both ends, which would loop here.
        Map<Revision, Integer> state = new HashMap<>();
        Deque<Revision> stack = new ArrayDeque<>();
        for (Revision root : ids.values()) {
            stack.push(root);
            while (!stack.isEmpty()) {
                Revision rev = stack.peek();
                int seen = state.getOrDefault(rev, 0);
                if (seen == 2) {
                    stack.pop();
                } else if (seen == 1) {
                    stack.pop();
                    int level = 0;
                    for (String down : rev.allDownRevisions) {
                        level = Math.max(level, ids.get(down).level + 1);
                    }
                    rev.level = level;
                    state.put(rev, 2);
                } else {
                    state.put(rev, 1);
                    for (String down : rev.allDownRevisions) {
                        Revision parent = ids.get(down);
                        int parentState = state.getOrDefault(parent, 0);
                        if (parentState == 1) {
                            throw cycle(stack, state, parent);
                        }
                        if (parentState == 0) {
                            stack.push(parent);
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
    private static CycleDetectedException cycle(Deque<Revision> stack, Map<Revision, Integer> state, Revision start) {
        List<Revision> path = new ArrayList<>();
        for (Revision rev : stack) {
            if (state.getOrDefault(rev, 0) == 1 && !path.contains(rev)) {
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

    private static List<String> idsOf(Collection<Revision> revisions) {
        List<String> result = new ArrayList<>(revisions.size());
        for (Revision rev : revisions) {
            result.add(rev.id());
        }
        return List.copyOf(result);
    }

    private void mapBranchLabels() {
        for (Revision rev : ids.values()) {
            for (String label : rev.declaredBranchLabels()) {
                Revision existing = keys.get(label);
                if (existing != null) {
                    throw new RevisionGraphException("Branch name '" + label + "' in revision " + rev.id()
                            + " already used by revision " + existing.id());
                }
                keys.put(label, rev);
            }
        }
    }

    private void addDependsOn() {
        for (Revision rev : ids.values()) {
            List<String> resolved = new ArrayList<>();
            for (String dep : rev.dependencies()) {
                Revision target = keys.get(dep);
                if (target == null) {
                    throw new RevisionGraphException("Dependency " + dep + " of revision " + rev.id()
                            + " is not present; it must name a revision id or a branch label");
                }
                resolved.add(target.id());
            }
            rev.resolvedDependencies = Revision.dedupe(resolved);
            rev.allDownRevisions = Revision.concatDistinct(rev.downRevisions(), rev.resolvedDependencies);
            rev.normalizedDownRevisions = rev.allDownRevisions;
        }
    }

    /**
     * Drops each dependency that a strict ancestor (through down revisions) already declares. Alembic
     * walks every ancestor of every revision with dependencies; asking only whether one of the other
     * revisions declaring the same dependency is an ancestor gives the same result in linear time.
     */
    private void normalizeDependsOn() {
        Map<String, List<Revision>> declarers = new HashMap<>();
        for (Revision rev : ids.values()) {
            for (String dep : rev.resolvedDependencies) {
                declarers.computeIfAbsent(dep, k -> new ArrayList<>()).add(rev);
            }
        }
        for (Revision rev : ids.values()) {
            if (rev.resolvedDependencies.isEmpty()) {
                continue;
            }
            AncestorExplorer explorer = null;
            List<String> normalized = new ArrayList<>();
            for (String dep : rev.resolvedDependencies) {
                boolean implied = false;
                for (Revision other : declarers.get(dep)) {
                    if (other == rev || other.level >= rev.level) {
                        continue;
                    }
                    if (explorer == null) {
                        explorer = new AncestorExplorer(this, List.of(rev), false);
                    }
                    if (explorer.reaches(other)) {
                        implied = true;
                        break;
                    }
                }
                if (!implied) {
                    normalized.add(dep);
                }
            }
            rev.normalizedDependencies = List.copyOf(normalized);
            rev.normalizedDownRevisions = Revision.concatDistinct(rev.downRevisions(), rev.normalizedDependencies);
        }
    }

    private void detectCycles(
            Set<Revision> headSet, List<Revision> baseList, Set<Revision> realHeadSet, List<Revision> realBaseList) {
        if (ids.isEmpty()) {
            return;
        }
        if (headSet.isEmpty() || baseList.isEmpty()) {
            throw new CycleDetectedException("Cycle", List.copyOf(ids.keySet()));
        }
        Set<String> unreachable = unreachable(headSet, baseList, Revision::downRevisions, r -> r.nextRevisions);
        if (!unreachable.isEmpty()) {
            throw new CycleDetectedException("Cycle", List.copyOf(unreachable));
        }
        if (realHeadSet.isEmpty() || realBaseList.isEmpty()) {
            throw new CycleDetectedException("Dependency cycle", List.copyOf(ids.keySet()));
        }
        unreachable = unreachable(realHeadSet, realBaseList, r -> r.allDownRevisions, r -> r.allNextRevisions);
        if (!unreachable.isEmpty()) {
            throw new CycleDetectedException("Dependency cycle", List.copyOf(unreachable));
        }
    }

    private Set<String> unreachable(
            Collection<Revision> top,
            Collection<Revision> bottom,
            Function<Revision, Collection<String>> down,
            Function<Revision, Collection<String>> up) {
        Set<Revision> space = related(down, top, false);
        space.retainAll(related(up, bottom, false));
        Set<String> result = new TreeSet<>(ids.keySet());
        for (Revision rev : space) {
            result.remove(rev.id());
        }
        return result;
    }

    private void addBranches() {
        for (Revision rev : ids.values()) {
            List<String> labels = rev.declaredBranchLabels();
            if (labels.isEmpty()) {
                continue;
            }
            Revision last = rev;
            for (Revision node : descendants(List.of(rev), false)) {
                node.branchLabels.addAll(labels);
                last = node;
            }
            // Alembic then walks down from the last descendant it visited, labelling each revision
            // until one that has several children (dependents count) or is a merge point.
            Revision parent = last;
            while (!parent.isRealBranchPoint() && !parent.isMergePoint()) {
                parent.branchLabels.addAll(labels);
                if (parent.downRevisions().isEmpty()) {
                    break;
                }
                parent = ids.get(parent.downRevisions().get(0));
            }
        }
    }

    // ---------------------------------------------------------------- queries

    /** All revisions in load order. */
    public Collection<Revision> revisions() {
        return java.util.Collections.unmodifiableCollection(ids.values());
    }

    /** The revision with exactly this id, or null. */
    public Revision byId(String id) {
        return ids.get(id);
    }

    /** Whether the graph has no revisions. */
    public boolean isEmpty() {
        return ids.isEmpty();
    }

    /** Revisions no other revision revises (dependencies ignored), in load order. */
    public List<String> heads() {
        return heads;
    }

    /** Revisions nothing revises or depends on, in load order. */
    public List<String> realHeads() {
        return realHeads;
    }

    /** Revisions that revise nothing, in load order. */
    public List<String> bases() {
        return bases;
    }

    /** Revisions that revise and depend on nothing, in load order. */
    public List<String> realBases() {
        return realBases;
    }

    /** The ids of the given revisions. */
    static List<String> toIds(Collection<Revision> revisions) {
        return idsOf(revisions);
    }

    Revision require(String id) {
        Revision rev = ids.get(id);
        if (rev == null) {
            throw new IllegalStateException("no revision " + id);
        }
        return rev;
    }

    List<Revision> require(Collection<String> revisionIds) {
        List<Revision> result = new ArrayList<>(revisionIds.size());
        for (String id : revisionIds) {
            result.add(require(id));
        }
        return result;
    }

    // ------------------------------------------------------------ traversal

    /** Ancestors including the targets themselves, through down revisions and optionally dependencies. */
    Set<Revision> ancestors(Collection<Revision> targets, boolean includeDependencies) {
        return related(includeDependencies ? r -> r.normalizedDownRevisions : Revision::downRevisions, targets, false);
    }

    /** Ancestors, failing when one target is an ancestor of another. */
    Set<Revision> ancestorsChecked(Collection<Revision> targets, boolean includeDependencies) {
        return related(includeDependencies ? r -> r.normalizedDownRevisions : Revision::downRevisions, targets, true);
    }

    /** Descendants including the targets themselves, through down revisions and optionally dependencies. */
    Set<Revision> descendants(Collection<Revision> targets, boolean includeDependencies) {
        return related(includeDependencies ? r -> r.allNextRevisions : r -> r.nextRevisions, targets, false);
    }

    /** Descendants, failing when one target is a descendant of another. */
    Set<Revision> descendantsChecked(Collection<Revision> targets, boolean includeDependencies) {
        return related(includeDependencies ? r -> r.allNextRevisions : r -> r.nextRevisions, targets, true);
    }

    private Set<Revision> related(
            Function<Revision, Collection<String>> next, Collection<Revision> targets, boolean check) {
        Set<Revision> seen = new LinkedHashSet<>();
        Deque<Revision> todo = new ArrayDeque<>();
        for (Revision target : targets) {
            if (target == null || target == BASE) {
                throw new IllegalStateException("not a revision: " + target);
            }
            todo.push(target);
            Set<Revision> perTarget = check ? new LinkedHashSet<>() : Set.of();
            while (!todo.isEmpty()) {
                Revision rev = todo.pop();
                if (check) {
                    perTarget.add(rev);
                }
                if (!seen.add(rev)) {
                    continue;
                }
                for (String id : next.apply(rev)) {
                    todo.push(require(id));
                }
            }
            if (check) {
                List<String> overlaps = new ArrayList<>();
                for (Revision other : targets) {
                    if (other != target && perTarget.contains(other) && !overlaps.contains(other.id())) {
                        overlaps.add(other.id());
                    }
                }
                if (!overlaps.isEmpty()) {
                    throw new RevisionGraphException("Requested revision " + target.id()
                            + " overlaps with other requested revisions " + String.join(", ", overlaps));
                }
            }
        }
        return seen;
    }

    /** Keeps the revisions of {@code targets} that have no descendant (down revisions only) among them. */
    Set<Revision> filterIntoBranchHeads(Collection<Revision> targets) {
        Set<Revision> result = new LinkedHashSet<>(targets);
        for (Revision rev : new ArrayList<>(result)) {
            for (Revision desc : descendants(List.of(rev), false)) {
                if (desc != rev && result.contains(desc)) {
                    result.remove(rev);
                    break;
                }
            }
        }
        return result;
    }

    /** The revisions implied by the given rows (their ancestors with dependencies), reduced to branch tips. */
    Set<Revision> allCurrent(Collection<Revision> rows) {
        Set<Revision> top = new LinkedHashSet<>(rows);
        top.addAll(ancestors(rows, true));
        return filterIntoBranchHeads(top);
    }

    // ----------------------------------------------------------- identifiers

    /** The outcome of Alembic's {@code _resolve_revision_number}: ids (may be prefixes) and a branch. */
    record Resolved(List<String> ids, String branchLabel) {}

    Resolved resolveRevisionNumber(String identifier) {
        String id = identifier;
        String label = null;
        if (id != null && id.contains("@")) {
            int at = id.indexOf('@');
            label = id.substring(0, at);
            id = id.substring(at + 1);
        }
        if ("heads".equals(id)) {
            return new Resolved(label != null ? filterForLineage(heads, label) : realHeads, label);
        }
        if ("head".equals(id)) {
            String head = currentHead(label);
            return new Resolved(head == null ? List.of() : List.of(head), label);
        }
        if (id == null || "base".equals(id)) {
            return new Resolved(List.of(), label);
        }
        return new Resolved(List.of(id), label);
    }

    /**
     * The single head, optionally among the heads on a branch's lineage.
     *
     * @return the head id, or null when the graph is empty
     * @throws MultipleHeadsException when there are several
     */
    public String currentHead(String branchLabel) {
        List<String> current = heads;
        if (branchLabel != null && !branchLabel.isEmpty()) {
            current = filterForLineage(current, branchLabel);
        }
        if (current.size() > 1) {
            throw new MultipleHeadsException(current, branchLabel != null ? branchLabel + "@head" : "head");
        }
        return current.isEmpty() ? null : current.get(0);
    }

    /**
     * Resolves an identifier that may stand for several revisions ({@code heads}, {@code L@heads},
     * {@code -1}) or none ({@code base}). Elements may be null when a relative walk leaves the graph.
     */
    public List<Revision> getRevisions(String identifier) {
        Resolved resolved = resolveRevisionNumber(identifier);
        if (resolved.ids().size() == 1) {
            Integer steps = parseInt(resolved.ids().get(0));
            if (steps != null && steps < 0) {
                List<Revision> selectHeads = new ArrayList<>();
                for (Revision head : getRevisions("heads")) {
                    if (resolved.branchLabel() == null || head.branchLabels.contains(resolved.branchLabel())) {
                        selectHeads.add(head);
                    }
                }
                List<Revision> result = new ArrayList<>();
                for (Revision head : selectHeads) {
                    result.add(walk(head, steps, null, true));
                }
                return result;
            }
        }
        List<Revision> result = new ArrayList<>();
        for (String id : resolved.ids()) {
            result.add(revisionForIdent(id, resolved.branchLabel()));
        }
        return result;
    }

    /** Resolves each identifier with {@link #getRevisions(String)} and concatenates the results. */
    public List<Revision> getRevisions(Collection<String> identifiers) {
        List<Revision> result = new ArrayList<>();
        for (String id : identifiers) {
            result.addAll(getRevisions(id));
        }
        return result;
    }

    /**
     * Resolves an identifier to at most one revision.
     *
     * @return the revision, or null for {@code base}
     * @throws MultipleHeadsException when the identifier stands for several revisions
     * @throws ResolutionException when it names nothing, or several by prefix
     */
    public Revision getRevision(String identifier) {
        Resolved resolved = resolveRevisionNumber(identifier);
        if (resolved.ids().size() > 1) {
            throw new MultipleHeadsException(resolved.ids(), identifier);
        }
        return revisionForIdent(resolved.ids().isEmpty() ? null : resolved.ids().get(0), resolved.branchLabel());
    }

    static Integer parseInt(String value) {
        if (value == null || !value.matches("[+-]?\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(value);
    }

    Revision resolveBranch(String label) {
        Revision rev = keys.get(label);
        if (rev != null) {
            return rev;
        }
        try {
            return revisionForIdent(label, null);
        } catch (ResolutionException e) {
            throw new ResolutionException("No such branch: '" + label + "'", label);
        }
    }

    Revision revisionForIdent(String resolvedId, String checkBranch) {
        boolean checking = checkBranch != null && !checkBranch.isEmpty();
        Revision branchRev = checking ? resolveBranch(checkBranch) : null;
        if (resolvedId == null) {
            return null;
        }
        Revision revision = keys.get(resolvedId);
        if (revision == null) {
            List<String> matches = new ArrayList<>();
            for (String key : keys.keySet()) {
                if (key.length() > 3 && key.startsWith(resolvedId)) {
                    matches.add(key);
                }
            }
            if (branchRev != null && !matches.isEmpty()) {
                matches = filterForLineage(matches, checkBranch);
            }
            if (matches.isEmpty()) {
                throw new ResolutionException(
                        "No such revision or branch '" + resolvedId + "'"
                                + (resolvedId.length() < 4
                                        ? "; please ensure at least four characters are present for partial revision"
                                                + " identifier matches"
                                        : ""),
                        resolvedId);
            }
            if (matches.size() > 1) {
                List<String> quoted = new ArrayList<>();
                for (String match : matches.subList(0, Math.min(3, matches.size()))) {
                    quoted.add("'" + match + "'");
                }
                throw new ResolutionException(
                        "Multiple revisions start with '" + resolvedId + "': " + String.join(", ", quoted) + "...",
                        resolvedId);
            }
            revision = keys.get(matches.get(0));
        }
        if (checking && !lineageOf(List.of(branchRev), false).contains(revision)) {
            throw new ResolutionException(
                    "Revision " + revision.id() + " is not a member of branch '" + checkBranch + "'", resolvedId);
        }
        return revision;
    }

    /** Ancestors and descendants of the given revisions (themselves included). */
    Set<Revision> lineageOf(Collection<Revision> revisions, boolean includeDependencies) {
        Set<Revision> result = descendants(revisions, includeDependencies);
        result.addAll(ancestors(revisions, includeDependencies));
        return result;
    }

    /**
     * Keeps the identifiers (ids, prefixes or labels) whose revision shares lineage with the
     * revision or branch named by {@code checkAgainst}.
     */
    public List<String> filterForLineage(Collection<String> targets, String checkAgainst) {
        Set<Revision> lineage = lineageFor(checkAgainst, false);
        List<String> result = new ArrayList<>();
        for (String target : targets) {
            if (lineage == null || lineage.contains(revisionForIdent(target, null))) {
                result.add(target);
            }
        }
        return result;
    }

    /** Like {@link #filterForLineage(Collection, String)} for resolved revisions. */
    List<Revision> filterRevisionsForLineage(Collection<Revision> targets, String checkAgainst, boolean deps) {
        Set<Revision> lineage = lineageFor(checkAgainst, deps);
        List<Revision> result = new ArrayList<>();
        for (Revision target : targets) {
            if (lineage == null || lineage.contains(target)) {
                result.add(target);
            }
        }
        return result;
    }

    /** The lineage to test against, or null when the argument names nothing (everything matches). */
    private Set<Revision> lineageFor(String checkAgainst, boolean includeDependencies) {
        Resolved resolved = resolveRevisionNumber(checkAgainst);
        List<String> shares = new ArrayList<>();
        if (resolved.branchLabel() != null && !resolved.branchLabel().isEmpty()) {
            shares.add(resolved.branchLabel());
        }
        shares.addAll(resolved.ids());
        if (shares.isEmpty()) {
            return null;
        }
        List<Revision> against = new ArrayList<>();
        for (String share : shares) {
            against.add(revisionForIdent(share, null));
        }
        return lineageOf(against, includeDependencies);
    }

    /**
     * Walks {@code steps} revisions up (positive) or down (negative) from {@code start} (null = below
     * the bases when walking up, the heads when walking down).
     *
     * @return the revision reached, {@link #BASE} when walking down reached base, or null when the walk
     *     left the graph and {@code noOverwalk} is set
     */
    Revision walk(Revision start, int steps, String branchLabel, boolean noOverwalk) {
        Revision initial = start;
        for (int i = 0; i < Math.abs(steps); i++) {
            List<Revision> children;
            if (steps > 0) {
                if (initial == BASE) {
                    throw new RevisionGraphException("Walked too far");
                }
                List<Revision> walkUp = initial == null ? getRevisions(bases) : require(initial.nextRevisions);
                children = branchLabel != null && !branchLabel.isEmpty()
                        ? filterRevisionsForLineage(walkUp, branchLabel, false)
                        : walkUp;
            } else if (initial == BASE) {
                children = List.of();
            } else {
                children = initial == null ? getRevisions(heads) : require(initial.downRevisions());
                if (children.isEmpty()) {
                    children = List.of(BASE);
                }
            }
            if (children.isEmpty()) {
                return noOverwalk ? null : initial;
            }
            if (children.size() > 1) {
                throw new RevisionGraphException("Ambiguous walk");
            }
            initial = children.get(0);
        }
        return initial;
    }

    // ------------------------------------------------------------- planning

    /**
     * The revisions {@code upgrade destination} runs from a database whose version table holds
     * {@code current}, oldest first, in Alembic's order.
     */
    public List<Revision> upgradeRevisions(String destination, List<String> current) {
        Traversal traversal = new Traversal(this);
        Traversal.Collected collected =
                traversal.collectUpgrade(Traversal.Arg.of(destination), Traversal.Arg.of(current), false, true, true);
        List<Revision> order = traversal.topologicalSort(collected.revisions(), collected.heads());
        java.util.Collections.reverse(order);
        return order;
    }

    /**
     * The revisions {@code downgrade destination} undoes from a database whose version table holds
     * {@code current}, newest first, in Alembic's order.
     */
    public List<Revision> downgradeRevisions(String destination, List<String> current) {
        Traversal traversal = new Traversal(this);
        Traversal.Collected collected = traversal.collectDowngrade(current, destination, false, false, true);
        return traversal.topologicalSort(collected.revisions(), collected.heads());
    }

    /**
     * The revisions between {@code base} and {@code head} inclusive, newest first: what {@code history -r
     * base:head} lists. Either end may be a symbol, a relative identifier, or (for {@code current}) the
     * database rows, given as {@code baseRows}/{@code headRows} instead of text.
     */
    public List<Revision> walkRevisions(String base, List<String> baseRows, String head, List<String> headRows) {
        Traversal traversal = new Traversal(this);
        Traversal.Arg lower = baseRows != null ? Traversal.Arg.of(baseRows) : Traversal.Arg.of(base);
        Traversal.Arg upper = headRows != null ? Traversal.Arg.of(headRows) : Traversal.Arg.of(head);
        Traversal.Collected collected = traversal.collectUpgrade(upper, lower, true, false, false);
        return traversal.topologicalSort(collected.revisions(), collected.heads());
    }

    /** The revisions implied by the version-table rows, reduced to branch tips (what {@code current} shows). */
    public List<Revision> currentRevisions(List<String> rows) {
        return new ArrayList<>(allCurrent(nonBase(getRevisions(rows))));
    }

    private static List<Revision> nonBase(List<Revision> revisions) {
        List<Revision> result = new ArrayList<>();
        for (Revision rev : revisions) {
            if (rev != null && rev != BASE) {
                result.add(rev);
            }
        }
        return result;
    }

    /** Ancestors (through down revisions and dependencies) of the given revisions, themselves included. */
    public Set<String> ancestorIds(Collection<String> revisionIds) {
        Set<String> result = new LinkedHashSet<>();
        for (Revision rev : ancestors(require(revisionIds), true)) {
            result.add(rev.id());
        }
        return result;
    }

    /** Whether {@code candidate} shares lineage (ancestor or descendant, down revisions and dependencies
     * included) with any of {@code others}. */
    public boolean sharesLineage(String candidate, Collection<String> others) {
        Set<Revision> lineage = lineageOf(List.of(require(candidate)), true);
        for (String other : others) {
            if (lineage.contains(require(other))) {
                return true;
            }
        }
        return false;
    }

    /** The ids among {@code revisionIds} that share lineage with what {@code checkAgainst} names. */
    public List<String> filterForLineage(
            Collection<String> revisionIds, String checkAgainst, boolean includeDependencies) {
        return toIds(filterRevisionsForLineage(require(revisionIds), checkAgainst, includeDependencies));
    }

    /** Descendants (through down revisions and dependencies) of the given revisions, themselves included. */
    public Set<String> descendantIds(Collection<String> revisionIds) {
        Set<String> result = new LinkedHashSet<>();
        for (Revision rev : descendants(require(revisionIds), true)) {
            result.add(rev.id());
        }
        return result;
    }

    /**
     * Keeps the revisions of {@code candidates} that are not ancestors (through down revisions and
     * dependencies) of any of {@code sources}; a source counts as its own ancestor.
     */
    public List<String> notAncestorsOf(Collection<String> sources, List<String> candidates) {
        AncestorExplorer explorer = new AncestorExplorer(this, require(sources), true);
        List<String> result = new ArrayList<>();
        for (String candidate : candidates) {
            if (!explorer.reaches(require(candidate))) {
                result.add(candidate);
            }
        }
        return result;
    }
}
