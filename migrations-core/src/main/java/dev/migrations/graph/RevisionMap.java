package dev.migrations.graph;

import dev.migrations.graph.Walks.Edges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private final Map<String, Revision> ids;
    /** Branch labels; identifiers are looked up among the ids first, then here (Alembic's order). */
    private final Map<String, Revision> labels;
    /** The revisions by load position ({@link Revision#order}). */
    private final Revision[] byOrder;

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
        GraphBuilder built = new GraphBuilder(revisions);
        this.ids = built.ids;
        this.labels = built.labels;
        this.byOrder = built.byOrder;
        this.heads = built.heads;
        this.realHeads = built.realHeads;
        this.bases = built.bases;
        this.realBases = built.realBases;
    }

    private static List<String> idsOf(Collection<Revision> revisions) {
        List<String> result = new ArrayList<>(revisions.size());
        for (Revision rev : revisions) {
            result.add(rev.id());
        }
        return List.copyOf(result);
    }

    /** The revision with this id, else the one declaring this branch label, else null. */
    private Revision key(String key) {
        Revision rev = ids.get(key);
        return rev != null ? rev : labels.get(key);
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
        return Walks.closure(byOrder, targets, includeDependencies ? Edges.NORMALIZED_DOWN : Edges.DOWN, false);
    }

    /** Ancestors, failing when one target is an ancestor of another. */
    Set<Revision> ancestorsChecked(Collection<Revision> targets, boolean includeDependencies) {
        return Walks.closure(byOrder, targets, includeDependencies ? Edges.NORMALIZED_DOWN : Edges.DOWN, true);
    }

    /** Descendants including the targets themselves, through down revisions and optionally dependencies. */
    Set<Revision> descendants(Collection<Revision> targets, boolean includeDependencies) {
        return Walks.closure(byOrder, targets, includeDependencies ? Edges.ALL_CHILDREN : Edges.CHILDREN, false);
    }

    /** Descendants, failing when one target is a descendant of another. */
    Set<Revision> descendantsChecked(Collection<Revision> targets, boolean includeDependencies) {
        return Walks.closure(byOrder, targets, includeDependencies ? Edges.ALL_CHILDREN : Edges.CHILDREN, true);
    }

    /** An empty set for revisions of this map, iterating in insertion order. */
    Set<Revision> newSet() {
        return new RevisionSet(byOrder);
    }

    /** The number of revisions. */
    int size() {
        return byOrder.length;
    }

    /**
     * The revisions implied by the given rows (their ancestors with dependencies), reduced to branch
     * tips: those no other of them revises, directly or not (Alembic's {@code
     * filter_into_branch_heads} over them). The set holds every ancestor of its members, so a
     * revision has a descendant in it exactly when one of its children is in it.
     */
    Set<Revision> allCurrent(Collection<Revision> rows) {
        Set<Revision> ancestors = ancestors(rows, true);
        Set<Revision> top = newSet();
        top.addAll(rows);
        top.addAll(ancestors);
        Set<Revision> tips = newSet();
        for (Revision rev : top) {
            boolean tip = true;
            for (Revision child : rev.children) {
                tip &= !top.contains(child);
            }
            if (tip) {
                tips.add(rev);
            }
        }
        return tips;
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
        Revision rev = key(label);
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
        Revision revision = key(resolvedId);
        if (revision == null) {
            List<String> matches = new ArrayList<>();
            addPrefixMatches(ids.keySet(), resolvedId, matches);
            addPrefixMatches(labels.keySet(), resolvedId, matches);
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
            revision = key(matches.get(0));
        }
        if (checking && !lineageOf(List.of(branchRev), false).contains(revision)) {
            throw new ResolutionException(
                    "Revision " + revision.id() + " is not a member of branch '" + checkBranch + "'", resolvedId);
        }
        return revision;
    }

    private static void addPrefixMatches(Collection<String> keys, String prefix, List<String> matches) {
        for (String key : keys) {
            if (key.length() > 3 && key.startsWith(prefix)) {
                matches.add(key);
            }
        }
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
                List<Revision> walkUp = initial == null ? getRevisions(bases) : List.of(initial.children);
                children = branchLabel != null && !branchLabel.isEmpty()
                        ? filterRevisionsForLineage(walkUp, branchLabel, false)
                        : walkUp;
            } else if (initial == BASE) {
                children = List.of();
            } else {
                children = initial == null ? getRevisions(heads) : List.of(initial.down);
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
        AncestorExplorer explorer = new AncestorExplorer(require(sources), Edges.NORMALIZED_DOWN);
        List<String> result = new ArrayList<>();
        for (String candidate : candidates) {
            if (!explorer.reaches(require(candidate))) {
                result.add(candidate);
            }
        }
        return result;
    }
}
