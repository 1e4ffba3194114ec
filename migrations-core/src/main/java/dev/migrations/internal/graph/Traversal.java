package dev.migrations.internal.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alembic's choice of what an upgrade or downgrade runs and in what order: parsing the target
 * (absolute or relative), collecting the revisions to run, and the topological order.
 */
final class Traversal {
    private static final Logger LOG = LoggerFactory.getLogger(Traversal.class);
    private static final Pattern RELATIVE =
            Pattern.compile("(?:(.+?)@)?(\\w+)?([+-]\\d+)", Pattern.UNICODE_CHARACTER_CLASS);

    private final RevisionMap map;
    private final Identifiers identifiers;

    Traversal(RevisionMap map) {
        this.map = map;
        this.identifiers = map.identifiers();
    }

    /** Revision to go to, with the branch label the user gave (may be null). */
    record DowngradeTarget(String branchLabel, Revision revision) {}

    /** Revisions to run, and the revisions the topological sort starts from. */
    record Collected(Set<Revision> revisions, List<Revision> heads) {}

    private static int relativeSteps(String relative) {
        Integer steps = Identifiers.parseInt(relative);
        if (steps == null) {
            throw new RevisionGraphException("Relative revision " + relative + " is too large");
        }
        return steps;
    }

    private static RevisionGraphException didNotProduce(String relative, int steps) {
        return new RevisionGraphException(
                "Relative revision " + relative + " didn't produce " + Math.abs(steps) + " migrations");
    }

    DowngradeTarget parseDowngradeTarget(List<String> current, String target, boolean assertRelativeLength) {
        if (target == null) {
            return new DowngradeTarget(null, null);
        }
        Matcher m = RELATIVE.matcher(target);
        if (!m.lookingAt()) {
            int at = target.lastIndexOf('@');
            String label = at > 0 ? target.substring(0, at) : null;
            return new DowngradeTarget(label, map.getRevision(target.substring(at + 1)));
        }
        String label = m.group(1);
        String symbol = m.group(2);
        String relative = m.group(3);
        int steps = relativeSteps(relative);
        if (steps >= 0) {
            if (symbol == null) {
                throw didNotProduce(relative, steps);
            }
            Revision rev = identifiers.walk(map.getRevision(symbol), steps, label, assertRelativeLength);
            if (rev == null) {
                throw new RevisionGraphException("Walked too far");
            }
            return new DowngradeTarget(label, rev);
        }
        boolean relativeToCurrent = symbol == null;
        if (relativeToCurrent) {
            if (label != null) {
                symbol = currentOnBranch(current, label);
            } else {
                if (current.isEmpty()) {
                    throw didNotProduce(relative, steps);
                }
                if (new LinkedHashSet<>(current).size() > 1) {
                    LOG.warn("downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a"
                            + " future release.");
                }
                symbol = current.get(0);
                label = symbol;
            }
        }
        Revision start = label == null ? map.getRevision(symbol) : map.getRevision(label + "@" + symbol);
        Revision rev = identifiers.walk(start, steps, null, assertRelativeLength);
        if (rev == null) {
            throw relativeToCurrent ? didNotProduce(relative, steps) : new RevisionGraphException("Walked too far");
        }
        return new DowngradeTarget(label, rev);
    }

    private String currentOnBranch(List<String> current, String label) {
        List<String> symbols = map.filterForLineage(current, label);
        if (symbols.isEmpty()) {
            Set<Revision> allCurrent = map.allCurrent(map.getRevisions(current));
            symbols = RevisionMap.toIds(identifiers.filterRevisionsForLineage(allCurrent, label, false));
        }
        if (symbols.size() != 1) {
            throw new RevisionGraphException(
                    symbols.isEmpty()
                            ? "No current revision on branch '" + label + "'"
                            : "Ambiguous downgrade: several current revisions on branch '" + label + "': "
                                    + String.join(", ", symbols));
        }
        return symbols.get(0);
    }

    List<Revision> parseUpgradeTarget(List<String> current, String target, boolean assertRelativeLength) {
        Matcher m = RELATIVE.matcher(target);
        if (!m.lookingAt()) {
            return map.getRevisions(target);
        }
        String label = m.group(1);
        String symbol = m.group(2);
        String relative = m.group(3);
        int steps = relativeSteps(relative);
        if (steps <= 0) {
            if (symbol == null) {
                throw didNotProduce(String.valueOf(steps), steps);
            }
            Revision start = label == null ? map.getRevision(symbol) : map.getRevision(label + "@" + symbol);
            return listOf(identifiers.walk(start, steps, null, assertRelativeLength));
        }
        if (symbol != null) {
            return listOf(identifiers.walk(map.getRevision(symbol), steps, label, assertRelativeLength));
        }
        List<Revision> startRevs = new ArrayList<>();
        if (label == null) {
            for (String id : current) {
                startRevs.add(map.getRevision(id));
            }
        } else {
            startRevs = identifiers.filterRevisionsForLineage(nonNull(map.getRevisions(current)), label, false);
            if (startRevs.isEmpty()) {
                startRevs = tipsOnBranch(current, label);
            }
        }
        if (startRevs.size() > 1) {
            throw new RevisionGraphException("Ambiguous upgrade from multiple current revisions");
        }
        Revision rev =
                identifiers.walk(startRevs.isEmpty() ? null : startRevs.get(0), steps, label, assertRelativeLength);
        if (rev == null) {
            throw didNotProduce(relative, steps);
        }
        return listOf(rev);
    }

    /** The tips of the branch's part of the database history, when no current revision is on it. */
    private List<Revision> tipsOnBranch(List<String> current, String label) {
        List<Revision> active = identifiers.filterRevisionsForLineage(
                map.ancestors(nonNull(map.getRevisions(current)), true), label, false);
        Set<String> below = new LinkedHashSet<>();
        for (Revision rev : active) {
            below.addAll(rev.normalizedDownRevisions);
        }
        List<Revision> tips = new ArrayList<>();
        for (Revision rev : active) {
            if (!below.contains(rev.id())) {
                tips.add(rev);
            }
        }
        return tips;
    }

    private static List<Revision> listOf(Revision rev) {
        List<Revision> list = new ArrayList<>(1);
        list.add(rev);
        return list;
    }

    private static List<Revision> nonNull(List<Revision> revisions) {
        List<Revision> result = new ArrayList<>();
        for (Revision rev : revisions) {
            if (rev != null && rev != RevisionMap.BASE) {
                result.add(rev);
            }
        }
        return result;
    }

    /** An identifier argument: either one string (may be symbolic or relative) or a tuple of ids. */
    record Arg(String text, List<String> list) {
        static Arg of(String text) {
            return new Arg(text, null);
        }

        static Arg of(List<String> list) {
            return new Arg(null, List.copyOf(list));
        }

        List<String> toTuple() {
            if (text != null) {
                return List.of(text);
            }
            return list;
        }

        /** How Alembic prints the argument in messages (a tuple in Python's repr). */
        String display() {
            if (text != null) {
                return text;
            }
            if (list.isEmpty()) {
                return "()";
            }
            StringBuilder sb = new StringBuilder("(");
            for (String id : list) {
                sb.append('\'').append(id).append("', ");
            }
            sb.setLength(sb.length() - (list.size() == 1 ? 1 : 2));
            return sb.append(')').toString();
        }
    }

    private List<Revision> revisionsOf(Arg arg) {
        return arg.text() != null ? map.getRevisions(arg.text()) : map.getRevisions(arg.list());
    }

    /** Alembic's {@code _collect_upgrade_revisions}: what must run to bring {@code lower} to {@code upper}. */
    Collected collectUpgrade(
            Arg upper, Arg lower, boolean inclusive, boolean implicitBase, boolean assertRelativeLength) {
        List<Revision> parsed = upper.text() != null
                ? parseUpgradeTarget(lower.toTuple(), upper.text(), assertRelativeLength)
                : map.getRevisions(upper.list());
        List<Revision> targets = new ArrayList<>();
        for (Revision rev : parsed) {
            if (rev == null) {
                throw new RevisionGraphException(
                        "Relative revision " + upper.display() + " goes past the end of the revision graph");
            }
            if (rev != RevisionMap.BASE) {
                targets.add(rev);
            }
        }
        if (lower.text() != null && lower.text().contains("@")) {
            targets = onBranch(targets, lower.text().substring(0, lower.text().indexOf('@')));
        }
        Set<Revision> required = map.ancestorsChecked(targets, true);
        required.addAll(targets);
        List<Revision> currentRevisions = revisionsOf(lower);
        if (!implicitBase) {
            for (Revision rev : currentRevisions) {
                if (rev != null && rev != RevisionMap.BASE && !required.contains(rev)) {
                    throw new RangeNotAncestorException(lower.display(), upper.display());
                }
            }
        }
        if (!currentRevisions.isEmpty() && currentRevisions.get(0) == null && lower.text() != null) {
            Revision rev = parseDowngradeTarget(upper.toTuple(), lower.text(), assertRelativeLength)
                    .revision();
            currentRevisions = rev == RevisionMap.BASE || rev == null ? List.of() : List.of(rev);
        }
        currentRevisions = nonNull(currentRevisions);
        Set<Revision> currentNodes = map.ancestorsChecked(currentRevisions, true);
        currentNodes.addAll(currentRevisions);
        Set<Revision> needs = required;
        needs.removeAll(currentNodes);
        if (inclusive) {
            needs.addAll(currentRevisions);
        }
        if (!currentRevisions.isEmpty() && !implicitBase) {
            needs.retainAll(map.descendantsChecked(currentRevisions, false));
        }
        return new Collected(needs, targets);
    }

    private List<Revision> onBranch(List<Revision> targets, String branch) {
        String label = branch;
        Revision branchRev = map.getRevision(branch);
        if (branchRev != null && branchRev.id().equals(branch) && branchRev.branchLabels.size() == 1) {
            label = branchRev.branchLabels.iterator().next();
        }
        List<Revision> result = new ArrayList<>();
        for (Revision need : targets) {
            if (need.branchLabels.contains(label)) {
                result.add(need);
            }
        }
        return result;
    }

    /** Alembic's {@code _collect_downgrade_revisions}: what must be undone to bring {@code upper} down to {@code lower}. */
    Collected collectDowngrade(
            List<String> upper, String lower, boolean inclusive, boolean implicitBase, boolean assertRelativeLength) {
        DowngradeTarget target = parseDowngradeTarget(upper, lower, assertRelativeLength);
        Revision targetRev = target.revision() == RevisionMap.BASE ? null : target.revision();
        List<Revision> roots;
        if (targetRev == null) {
            roots = new ArrayList<>();
            for (Revision rev : map.revisions()) {
                if (rev.isBase()) {
                    roots.add(rev);
                }
            }
        } else if (inclusive) {
            roots = List.of(targetRev);
        } else {
            roots = List.of(targetRev.children);
        }
        String label = target.branchLabel();
        if (label != null && !label.isEmpty() && roots.size() > 1) {
            Set<Revision> ancestors = map.ancestors(List.of(identifiers.resolveBranch(label)), false);
            List<Revision> kept = new ArrayList<>();
            for (Revision root : roots) {
                if (ancestors.contains(root)) {
                    kept.add(root);
                }
            }
            roots = kept;
            if (roots.isEmpty()) {
                throw new RevisionGraphException("Not a valid downgrade target from current heads");
            }
        }
        List<Revision> heads = nonNull(map.getRevisions(upper));
        Set<Revision> drop = map.descendants(roots, true);
        Set<Revision> active = map.ancestors(heads, true);
        drop.retainAll(active);
        if (implicitBase) {
            Set<Revision> others = map.newSet();
            others.addAll(active);
            others.removeAll(map.ancestors(roots, true));
            drop.addAll(others);
        }
        if (targetRev != null && drop.isEmpty() && !heads.contains(targetRev)) {
            throw new RangeNotAncestorException("Nothing to drop", String.join(", ", upper));
        }
        return new Collected(drop, heads);
    }

    /**
     * Alembic's topological sort: revisions always after their down revisions and dependencies,
     * walked down from {@code heads}, with load order breaking ties. Returns the downward order.
     */
    List<Revision> topologicalSort(Collection<Revision> revisions, Collection<Revision> heads) {
        return new TopologicalSort(map, revisions, heads).run();
    }
}
