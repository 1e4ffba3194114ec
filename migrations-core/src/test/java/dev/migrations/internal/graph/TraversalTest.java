package dev.migrations.internal.graph;

import static dev.migrations.internal.graph.Graphs.graph;
import static dev.migrations.internal.graph.Graphs.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraversalTest {
    private static final RevisionMap LINEAR = graph("a", "b:a", "c:b");
    private static final RevisionMap FORK = graph("a", "b:a", "c1:b", "c2:b");

    private static List<String> up(RevisionMap map, String target, String... rows) {
        return ids(map.upgradeRevisions(target, List.of(rows)));
    }

    private static List<String> down(RevisionMap map, String target, String... rows) {
        return ids(map.downgradeRevisions(target, List.of(rows)));
    }

    @Test
    void upgradeRunsAncestorsOldestFirst() {
        assertThat(up(LINEAR, "head")).containsExactly("a", "b", "c");
        assertThat(up(LINEAR, "head", "a")).containsExactly("b", "c");
        assertThat(up(LINEAR, "b")).containsExactly("a", "b");
    }

    @Test
    void upgradeToCurrentOrBelowRunsNothing() {
        assertThat(up(LINEAR, "b", "c")).isEmpty();
        assertThat(up(LINEAR, "c", "c")).isEmpty();
        assertThat(up(LINEAR, "base", "c")).isEmpty();
    }

    @Test
    void siblingBranchesUpgradeInReverseLoadOrder() {
        assertThat(up(FORK, "heads")).containsExactly("a", "b", "c2", "c1");
    }

    @Test
    void upgradeToOneBranchLeavesTheOtherAlone() {
        assertThat(up(FORK, "c1")).containsExactly("a", "b", "c1");
        assertThat(up(FORK, "c2", "c1")).containsExactly("c2");
    }

    @Test
    void upgradeHeadWithSeveralHeadsFails() {
        assertThatThrownBy(() -> up(FORK, "head")).isInstanceOf(MultipleHeadsException.class);
    }

    @Test
    void dependenciesOnOtherRootsArePulledIn() {
        RevisionMap map = graph("x1", "y1", "y2:y1;deps=x1");
        assertThat(up(map, "heads")).containsExactly("x1", "y1", "y2");
        assertThat(up(map, "y2", "y1")).containsExactly("x1", "y2");
    }

    @Test
    void mergePointRunsAfterBothParents() {
        RevisionMap map = graph("a", "b1:a", "b2:a", "m:b1,b2");
        assertThat(up(map, "head")).containsExactly("a", "b2", "b1", "m");
        assertThat(up(map, "head", "b1")).containsExactly("b2", "m");
    }

    @Test
    void rowsThatAreAncestorsOfEachOtherOverlap() {
        assertThatThrownBy(() -> up(LINEAR, "head", "a", "b"))
                .hasMessage("Requested revision b overlaps with other requested revisions a");
    }

    @Test
    void relativeUpgradeWalksFromTheCurrentRevision() {
        assertThat(up(LINEAR, "+1")).containsExactly("a");
        assertThat(up(LINEAR, "+2", "a")).containsExactly("b", "c");
        assertThat(up(LINEAR, "head-1")).containsExactly("a", "b");
        assertThat(up(LINEAR, "base+2")).containsExactly("a", "b");
        assertThat(up(LINEAR, "a+1")).containsExactly("a", "b");
    }

    @Test
    void relativeUpgradePastTheHeadFails() {
        assertThatThrownBy(() -> up(LINEAR, "+5")).hasMessage("Relative revision +5 didn't produce 5 migrations");
        assertThatThrownBy(() -> up(LINEAR, "-1", "c")).hasMessage("Relative revision -1 didn't produce 1 migrations");
    }

    @Test
    void relativeUpgradeFromSeveralCurrentRevisionsIsAmbiguous() {
        assertThatThrownBy(() -> up(FORK, "+1", "c1", "c2"))
                .hasMessage("Ambiguous upgrade from multiple current revisions");
    }

    @Test
    void branchRelativeUpgradeStartsFromTheBranchPoint() {
        RevisionMap map = graph("a", "b:a", "c1:b;labels=one", "d1:c1", "c2:b;labels=two");
        assertThat(up(map, "one@+1", "c2")).containsExactly("c1");
        assertThat(up(map, "one@+2", "c2")).containsExactly("c1", "d1");
    }

    @Test
    void downgradeRemovesNewestFirst() {
        assertThat(down(LINEAR, "a", "c")).containsExactly("c", "b");
        assertThat(down(LINEAR, "base", "c")).containsExactly("c", "b", "a");
        assertThat(down(LINEAR, "-1", "c")).containsExactly("c");
        assertThat(down(LINEAR, "c-2", "c")).containsExactly("c", "b");
    }

    @Test
    void downgradeToTheCurrentHeadIsANoOp() {
        assertThat(down(LINEAR, "c", "c")).isEmpty();
    }

    @Test
    void downgradeOnlyTouchesWhatDependsOnTheTarget() {
        assertThat(down(FORK, "b", "c1", "c2")).containsExactly("c1", "c2");
        assertThat(down(FORK, "c1@-1", "c1", "c2")).containsExactly("c1");
    }

    @Test
    void downgradeToAnInactiveRevisionIsRejected() {
        assertThatThrownBy(() -> down(FORK, "c2", "c1")).isInstanceOf(RangeNotAncestorException.class);
    }

    @Test
    void removingADependencyRemovesItsDependents() {
        RevisionMap map = graph("x1;labels=x", "y1", "y2:y1;deps=x1");
        assertThat(down(map, "x@-1", "y2")).containsExactly("y2", "x1");
    }

    @Test
    void downgradeWalkingPastBaseFails() {
        assertThatThrownBy(() -> down(LINEAR, "-4", "c"))
                .hasMessage("Relative revision -4 didn't produce 4 migrations");
        assertThatThrownBy(() -> down(LINEAR, "+1", "c"))
                .hasMessage("Relative revision +1 didn't produce 1 migrations");
    }

    @Test
    void walkRevisionsListsNewestFirstWithinTheRange() {
        assertThat(ids(LINEAR.walkRevisions("base", null, "heads", null))).containsExactly("c", "b", "a");
        assertThat(ids(LINEAR.walkRevisions("a", null, "b", null))).containsExactly("b", "a");
        assertThat(ids(FORK.walkRevisions("base", null, "heads", null))).containsExactly("c1", "c2", "b", "a");
    }

    /**
     * The upper end reaches the lower one only through a dependency: Alembic's range is the
     * revisions revising the lower end that the upper one needs (not the upper end, which does not
     * revise it), and its sort, walking down from the upper end only, fails an assertion on them.
     */
    @Test
    void walkRevisionsListsARangeWhoseUpperEndOnlyDependsOnTheLowerOnesBranch() {
        RevisionMap map = graph("a", "b:a", "c:b", "u;deps=b");
        assertThat(ids(map.walkRevisions("a", null, "u", null))).containsExactly("b", "a");

        RevisionMap crossing = graph("r0", "r1:r0", "r2", "r3:r0;deps=r2");
        assertThat(ids(crossing.walkRevisions("r2", null, "r3", null))).containsExactly("r2");
    }

    @Test
    void walkRevisionsRejectsARangeAcrossBranches() {
        assertThatThrownBy(() -> FORK.walkRevisions("c1", null, "c2", null))
                .isInstanceOf(RangeNotAncestorException.class);
    }
}
