package dev.migrations.internal.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One node of the revision graph: its id, the revisions it revises ({@code down revisions}), the
 * revisions or branch labels it depends on, and its branch labels.
 *
 * <p>A revision is created from its declaration and then belongs to exactly one {@link
 * RevisionMap}, which fills in what only the whole graph knows (children, resolved dependencies,
 * propagated branch labels). After the map is built a revision does not change.
 */
public final class Revision {
    private static final char[] ILLEGAL_CHARS = {'@', '-', '+', ':'};
    static final Revision[] NONE = new Revision[0];

    private final String id;
    private final List<String> downRevisions;
    private final List<String> dependencies;
    private final List<String> declaredBranchLabels;

    // Filled in by RevisionMap while it is being built; never changed afterwards.
    List<String> resolvedDependencies = List.of();
    List<String> normalizedDependencies = List.of();
    List<String> allDownRevisions = List.of();
    List<String> normalizedDownRevisions = List.of();
    /** Branch labels, declared and propagated; an immutable empty set until the first label. */
    Set<String> branchLabels;
    // The same edges as revisions rather than ids, so walks need no lookups: down revisions, down
    // revisions and all dependencies, down revisions and normalized dependencies (in the order of the
    // id lists), and the revisions naming this one as a down revision (children) or either (all
    // children), in load order.
    Revision[] down = NONE;
    Revision[] allDown = NONE;
    Revision[] normalizedDown = NONE;
    Revision[] children = NONE;
    Revision[] allChildren = NONE;
    /** Position in load order (0-based), also the index of this revision in its map. */
    int order;
    /** Longest distance from a base through down revisions and dependencies (0 for a real base). */
    int level;

    boolean attached;

    /**
     * Declares a revision.
     *
     * @param id the revision id
     * @param downRevisions the revisions it revises; empty for a base, several for a merge point
     * @param dependencies revision ids or branch labels it depends on
     * @param branchLabels branch labels it declares
     * @throws CycleDetectedException if the revision revises or depends on itself
     * @throws RevisionGraphException if the id has characters Alembic does not allow
     */
    public Revision(String id, List<String> downRevisions, List<String> dependencies, List<String> branchLabels) {
        if (id == null || id.isEmpty()) {
            throw new RevisionGraphException("Revision id must not be empty");
        }
        this.downRevisions = dedupe(downRevisions);
        this.dependencies = dedupe(dependencies);
        if (this.downRevisions.contains(id)) {
            throw new CycleDetectedException("Self-loop", List.of(id));
        }
        if (this.dependencies.contains(id)) {
            throw new CycleDetectedException("Dependency self-loop", List.of(id));
        }
        verifyId(id);
        this.id = id;
        this.declaredBranchLabels = dedupe(branchLabels);
        this.branchLabels = this.declaredBranchLabels.isEmpty() ? Set.of() : new LinkedHashSet<>(declaredBranchLabels);
    }

    /** Adds propagated branch labels. */
    void addBranchLabels(List<String> labels) {
        if (!branchLabels.containsAll(labels)) {
            if (branchLabels.isEmpty()) {
                branchLabels = new LinkedHashSet<>();
            }
            branchLabels.addAll(labels);
        }
    }

    private static void verifyId(String id) {
        Set<String> illegal = new TreeSet<>();
        for (char c : ILLEGAL_CHARS) {
            if (id.indexOf(c) >= 0) {
                illegal.add(String.valueOf(c));
            }
        }
        if (!illegal.isEmpty()) {
            throw new RevisionGraphException("Character(s) '" + String.join(", ", illegal)
                    + "' not allowed in revision identifier '" + id + "'");
        }
    }

    static List<String> dedupe(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(values));
    }

    static List<String> concatDistinct(List<String> first, List<String> second) {
        if (second.isEmpty()) {
            return first;
        }
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return dedupe(all);
    }

    /** The revision id. */
    public String id() {
        return id;
    }

    /** The revisions this one revises, as declared; empty for a base. */
    public List<String> downRevisions() {
        return downRevisions;
    }

    /** The dependencies as declared (revision ids or branch labels). */
    public List<String> dependencies() {
        return dependencies;
    }

    /** The dependencies resolved to revision ids. */
    public List<String> resolvedDependencies() {
        return resolvedDependencies;
    }

    /** The resolved dependencies that are not already implied by an ancestor's dependencies. */
    public List<String> normalizedDependencies() {
        return normalizedDependencies;
    }

    /** Down revisions followed by the normalized dependencies: what must run immediately before. */
    public List<String> normalizedDownRevisions() {
        return normalizedDownRevisions;
    }

    /** Down revisions followed by all resolved dependencies. */
    public List<String> allDownRevisions() {
        return allDownRevisions;
    }

    /** The branch labels this revision declares. */
    public List<String> declaredBranchLabels() {
        return declaredBranchLabels;
    }

    /** The branch labels that apply to this revision, declared and propagated. */
    public Set<String> branchLabels() {
        return Collections.unmodifiableSet(branchLabels);
    }

    /** The revisions that name this one as a down revision, in load order. */
    public Set<String> nextRevisions() {
        return idSet(children);
    }

    /** The revisions that name this one as a down revision or a dependency, in load order. */
    public Set<String> allNextRevisions() {
        return idSet(allChildren);
    }

    private static Set<String> idSet(Revision[] revisions) {
        if (revisions.length == 0) {
            return Set.of();
        }
        Set<String> ids = new LinkedHashSet<>(revisions.length * 2);
        for (Revision rev : revisions) {
            ids.add(rev.id);
        }
        return Collections.unmodifiableSet(ids);
    }

    /** Whether no revision names this one as its down revision. */
    public boolean isHead() {
        return children.length == 0;
    }

    /** Whether no revision names this one as its down revision or as a dependency. */
    public boolean isRealHead() {
        return allChildren.length == 0;
    }

    /** Whether this revision revises nothing. */
    public boolean isBase() {
        return downRevisions.isEmpty();
    }

    /** Whether this revision revises nothing and depends on nothing. */
    public boolean isRealBase() {
        return downRevisions.isEmpty() && dependencies.isEmpty();
    }

    /** Whether more than one revision revises this one. */
    public boolean isBranchPoint() {
        return children.length > 1;
    }

    /** Whether more than one revision revises or depends on this one. */
    public boolean isRealBranchPoint() {
        return allChildren.length > 1;
    }

    /** Whether this revision revises more than one revision. */
    public boolean isMergePoint() {
        return downRevisions.size() > 1;
    }

    /** The position of this revision in load order (0-based). */
    public int loadOrder() {
        return order;
    }

    @Override
    public String toString() {
        return "Revision(" + id + ")";
    }
}
