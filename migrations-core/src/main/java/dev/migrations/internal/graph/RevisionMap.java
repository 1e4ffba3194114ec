package dev.migrations.internal.graph;

import dev.migrations.internal.graph.Walks.Edges;
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
    /** The revisions by load position ({@link Revision#order}). */
    private final Revision[] byOrder;

    private final List<String> heads;
    private final List<String> realHeads;
    private final List<String> bases;
    private final List<String> realBases;
    private final Identifiers identifiers;

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
        this.byOrder = built.byOrder;
        this.heads = built.heads;
        this.realHeads = built.realHeads;
        this.bases = built.bases;
        this.realBases = built.realBases;
        this.identifiers = new Identifiers(this, built);
    }

    private static List<String> idsOf(Collection<Revision> revisions) {
        List<String> result = new ArrayList<>(revisions.size());
        for (Revision rev : revisions) {
            result.add(rev.id());
        }
        return List.copyOf(result);
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

    /** Ancestors and descendants of the given revisions (themselves included). */
    Set<Revision> lineageOf(Collection<Revision> revisions, boolean includeDependencies) {
        Set<Revision> result = descendants(revisions, includeDependencies);
        result.addAll(ancestors(revisions, includeDependencies));
        return result;
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

    /**
     * The single head, optionally among the heads on a branch's lineage.
     *
     * @return the head id, or null when the graph is empty
     * @throws MultipleHeadsException when there are several
     */
    public String currentHead(String branchLabel) {
        return identifiers.currentHead(branchLabel);
    }

    /**
     * Resolves an identifier that may stand for several revisions ({@code heads}, {@code L@heads},
     * {@code -1}) or none ({@code base}). Elements may be null when a relative walk leaves the graph.
     */
    public List<Revision> getRevisions(String identifier) {
        return identifiers.getRevisions(identifier);
    }

    /** Resolves each identifier with {@link #getRevisions(String)} and concatenates the results. */
    public List<Revision> getRevisions(Collection<String> identifiers) {
        return this.identifiers.getRevisions(identifiers);
    }

    /**
     * Resolves an identifier to at most one revision.
     *
     * @return the revision, or null for {@code base}
     * @throws MultipleHeadsException when the identifier stands for several revisions
     * @throws ResolutionException when it names nothing, or several by prefix
     */
    public Revision getRevision(String identifier) {
        return identifiers.getRevision(identifier);
    }

    /**
     * Keeps the identifiers (ids, prefixes or labels) whose revision shares lineage with the
     * revision or branch named by {@code checkAgainst}.
     */
    public List<String> filterForLineage(Collection<String> targets, String checkAgainst) {
        return identifiers.filterForLineage(targets, checkAgainst);
    }

    /** The grammar for identifiers over this map, for the traversals. */
    Identifiers identifiers() {
        return identifiers;
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
        return toIds(identifiers.filterRevisionsForLineage(require(revisionIds), checkAgainst, includeDependencies));
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
