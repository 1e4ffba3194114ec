package dev.migrations.internal.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alembic's grammar for identifiers over one {@link RevisionMap}: ids and their prefixes, branch
 * labels, {@code head}/{@code heads}/{@code base}, {@code label@id}, relative {@code -N} from the
 * heads, and the lineage filters the grammar needs to check a revision against a branch.
 */
final class Identifiers {
    private final RevisionMap map;
    private final Map<String, Revision> ids;
    /** Branch labels; identifiers are looked up among the ids first, then here (Alembic's order). */
    private final Map<String, Revision> labels;

    private final List<String> heads;
    private final List<String> realHeads;
    private final List<String> bases;

    Identifiers(RevisionMap map, GraphBuilder built) {
        this.map = map;
        this.ids = built.ids;
        this.labels = built.labels;
        this.heads = built.heads;
        this.realHeads = built.realHeads;
        this.bases = built.bases;
    }

    /** The revision with this id, else the one declaring this branch label, else null. */
    private Revision key(String key) {
        Revision rev = ids.get(key);
        return rev != null ? rev : labels.get(key);
    }

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

    /** See {@link RevisionMap#currentHead(String)}. */
    String currentHead(String branchLabel) {
        List<String> current = heads;
        if (branchLabel != null && !branchLabel.isEmpty()) {
            current = filterForLineage(current, branchLabel);
        }
        if (current.size() > 1) {
            throw new MultipleHeadsException(current, branchLabel != null ? branchLabel + "@head" : "head");
        }
        return current.isEmpty() ? null : current.get(0);
    }

    /** See {@link RevisionMap#getRevisions(String)}. */
    List<Revision> getRevisions(String identifier) {
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

    /** See {@link RevisionMap#getRevisions(Collection)}. */
    List<Revision> getRevisions(Collection<String> identifiers) {
        List<Revision> result = new ArrayList<>();
        for (String id : identifiers) {
            result.addAll(getRevisions(id));
        }
        return result;
    }

    /** See {@link RevisionMap#getRevision(String)}. */
    Revision getRevision(String identifier) {
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
        if (checking && !map.lineageOf(List.of(branchRev), false).contains(revision)) {
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

    /** See {@link RevisionMap#filterForLineage(Collection, String)}. */
    List<String> filterForLineage(Collection<String> targets, String checkAgainst) {
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
        return map.lineageOf(against, includeDependencies);
    }

    /**
     * Walks {@code steps} revisions up (positive) or down (negative) from {@code start} (null = below
     * the bases when walking up, the heads when walking down).
     *
     * @return the revision reached, {@link RevisionMap#BASE} when walking down reached base, or null
     *     when the walk left the graph and {@code noOverwalk} is set
     */
    Revision walk(Revision start, int steps, String branchLabel, boolean noOverwalk) {
        Revision initial = start;
        for (int i = 0; i < Math.abs(steps); i++) {
            List<Revision> children;
            if (steps > 0) {
                if (initial == RevisionMap.BASE) {
                    throw new RevisionGraphException("Walked too far");
                }
                List<Revision> walkUp = initial == null ? getRevisions(bases) : List.of(initial.children);
                children = branchLabel != null && !branchLabel.isEmpty()
                        ? filterRevisionsForLineage(walkUp, branchLabel, false)
                        : walkUp;
            } else if (initial == RevisionMap.BASE) {
                children = List.of();
            } else {
                children = initial == null ? getRevisions(heads) : List.of(initial.down);
                if (children.isEmpty()) {
                    children = List.of(RevisionMap.BASE);
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
}
