package dev.migrations.internal.runtime;

import dev.migrations.internal.graph.Revision;
import dev.migrations.internal.graph.RevisionMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a command's target into the steps to run, as Alembic's script directory does
 * ({@code _upgrade_revs}, {@code _downgrade_revs}, {@code _stamp_revs}), with its error advice.
 */
public final class Planner {
    private final RevisionMap map;
    private final Function<String, String> docOf;

    /**
     * Creates a planner.
     *
     * @param map the revision graph
     * @param docOf a revision's message by id (for progress lines)
     */
    public Planner(RevisionMap map, Function<String, String> docOf) {
        this.map = map;
        this.docOf = docOf;
    }

    /** The graph this planner plans over. */
    public RevisionMap map() {
        return map;
    }

    /** Steps of {@code upgrade destination} from the given rows, oldest first. */
    public List<Step> upgrade(String destination, List<String> heads) {
        List<Revision> revisions = RevisionErrors.defaults()
                .ancestor("Destination %(end)s is not a valid upgrade target from current head(s)")
                .end(destination)
                .call(() -> map.upgradeRevisions(destination, heads));
        List<Step> steps = new ArrayList<>(revisions.size());
        for (Revision rev : revisions) {
            steps.add(new RevisionStep(map, rev, true, docOf.apply(rev.id())));
        }
        return steps;
    }

    /** Steps of {@code downgrade destination} from the given rows, newest first. */
    public List<Step> downgrade(String destination, List<String> heads) {
        List<Revision> revisions = RevisionErrors.defaults()
                .ancestor("Destination %(end)s is not a valid downgrade target from current head(s) ("
                        + (heads.isEmpty() ? "none: nothing is applied" : String.join(", ", heads))
                        + "); a downgrade goes to a revision below them, or to base")
                .end(destination)
                .call(() -> map.downgradeRevisions(destination, heads));
        List<Step> steps = new ArrayList<>(revisions.size());
        for (Revision rev : revisions) {
            steps.add(new RevisionStep(map, rev, false, docOf.apply(rev.id())));
        }
        return steps;
    }

    /** Steps of {@code stamp revisions...} from the given rows. */
    public List<Step> stamp(List<String> revisions, List<String> heads) {
        List<Revision> headRevs = RevisionErrors.defaults().call(() -> map.getRevisions(heads));
        return RevisionErrors.defaults()
                .multipleHeads("Multiple heads are present; please specify a single target revision")
                .call(() -> stampSteps(revisions.isEmpty() ? List.of("base") : revisions, headRevs));
    }

    private List<Step> stampSteps(List<String> revisions, List<Revision> headRevs) {
        List<String> headIds = new ArrayList<>();
        for (Revision rev : headRevs) {
            headIds.add(rev.id());
        }
        Set<String> filtered = new LinkedHashSet<>();
        for (String rev : revisions) {
            if (!rev.isEmpty()) {
                filtered.addAll(map.filterForLineage(headIds, rev, true));
            }
        }
        List<Revision> dests = RevisionErrors.defaults().call(() -> map.getRevisions(revisions));
        if (dests.isEmpty()) {
            dests = new ArrayList<>();
            dests.add(null);
        }
        List<Step> steps = new ArrayList<>();
        for (Revision dest : dests) {
            if (dest == null) {
                for (String head : filtered) {
                    steps.add(new StampStep(List.of(head), List.of(), false, true));
                }
                continue;
            }
            if (filtered.contains(dest.id())) {
                continue;
            }
            List<String> todo = List.copyOf(filtered);
            if (intersects(map.descendantIds(List.of(dest.id())), filtered)) {
                steps.add(new StampStep(todo, List.of(dest.id()), false, false));
            } else if (intersects(map.ancestorIds(List.of(dest.id())), filtered)) {
                steps.add(new StampStep(todo, List.of(dest.id()), true, false));
            } else {
                steps.add(new StampStep(List.of(), List.of(dest.id()), true, true));
            }
        }
        return steps;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String x : b) {
            if (a.contains(x)) {
                return true;
            }
        }
        return false;
    }
}
