package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.RevisionInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text forms against the examples of Alembic's {@code Script} (spec sections 1.13 to 1.17, 3.1 to 3.3). */
class AlembicFormatTest {

    /** A revision with the long doc Alembic's template writes: message, blank line, id, parents, date. */
    private static RevisionInfo rev(
            String id,
            String message,
            List<String> down,
            List<String> deps,
            List<String> labels,
            List<String> next,
            boolean realHead) {
        String longDoc = message + "\n\nRevision ID: " + id + "\nRevises: " + String.join(", ", down)
                + "\nCreate Date: 2024-01-01 10:00:00.123456";
        boolean head = next.isEmpty();
        return new RevisionInfo(
                id,
                message,
                longDoc,
                down,
                deps,
                labels,
                next,
                "/x/versions/" + id + ".sql",
                head,
                head && realHead,
                next.size() > 1,
                down.size() > 1);
    }

    private static RevisionInfo plain(String id, String message, List<String> down, List<String> next) {
        return rev(id, message, down, List.of(), List.of(), next, true);
    }

    @Test
    void logEntryMatchesAlembicsExampleWithEveryDocLineIndented() {
        RevisionInfo rev = new RevisionInfo(
                "3b1e",
                "add col",
                "add col\n\nRevision ID: 3b1e\nRevises: 1a2b\nCreate Date: 2024-01-01 10:00:00.123456",
                List.of("1a2b"),
                List.of(),
                List.of(),
                List.of(),
                "/x/versions/3b1e_add_col.py",
                true,
                true,
                false,
                false);

        assertThat(AlembicFormat.logEntry(rev)).isEqualTo("""
                        Rev: 3b1e (head)
                        Parent: 1a2b
                        Path: /x/versions/3b1e_add_col.py

                            add col
                           \s
                            Revision ID: 3b1e
                            Revises: 1a2b
                            Create Date: 2024-01-01 10:00:00.123456
                        """);
    }

    @Test
    void logEntryOfAMergePointListsMergesDependenciesBranchesAndLabelsInAlembicsOrder() {
        RevisionInfo rev =
                rev("m1", "merge", List.of("c1", "c2"), List.of("x1"), List.of("shop"), List.of("d1", "d2"), true);

        assertThat(AlembicFormat.logEntry(rev, true)).startsWith("""
                        Rev: m1 (branchpoint) (mergepoint) (current)
                        Merges: c1, c2
                        Also depends on: x1
                        Branches into: d1, d2
                        Branch names: shop
                        Path: /x/versions/m1.sql

                            merge
                        """);
    }

    @Test
    void logEntryOfABaseSaysParentBaseAndAnEmptyDocEndsWithTwoNewlines() {
        RevisionInfo rev = new RevisionInfo(
                "a", "", "", List.of(), List.of(), List.of(), List.of(), "/x/a.sql", true, true, false, false);

        assertThat(AlembicFormat.logEntry(rev)).isEqualTo("Rev: a (head)\nParent: <base>\nPath: /x/a.sql\n\n\n");
    }

    @Test
    void historyLineIsAlembicsStrForm() {
        RevisionInfo rev = plain("abc", "initial", List.of(), List.of());

        assertThat(AlembicFormat.historyEntry(rev, false, false)).isEqualTo("<base> -> abc (head), initial");
    }

    @Test
    void historyLineShowsDependenciesLabelsAndEveryMarkerInOrder() {
        RevisionInfo rev =
                rev("m", "merge it", List.of("a", "b"), List.of("x"), List.of("l1", "l2"), List.of("c", "d"), true);

        assertThat(AlembicFormat.historyEntry(rev, true, false))
                .isEqualTo("a, b (x) -> m (l1, l2) (current) (branchpoint) (mergepoint), merge it");
    }

    @Test
    void headOnlyMarksAHeadThatIsOnlyDependedUponAsEffectiveHead() {
        RevisionInfo rev = rev("x1", "reports", List.of(), List.of(), List.of(), List.of(), false);

        assertThat(AlembicFormat.headOnly(rev, false, false, false, false, true))
                .isEqualTo("x1 (effective head)");
    }

    @Test
    void headsLineKeepsHeadMarkersButDropsTreeMarkers() {
        RevisionInfo merge = rev("m", "merge", List.of("a", "b"), List.of(), List.of("shop"), List.of(), true);

        assertThat(AlembicFormat.headsEntry(merge, false)).isEqualTo("m (shop) (head)");
        assertThat(AlembicFormat.headsEntry(merge, true)).startsWith("Rev: m (head) (mergepoint)\nMerges: a, b\n");
    }

    @Test
    void cmdFormatWithoutBranchesOmitsLabels() {
        RevisionInfo rev = rev("c", "x", List.of("b"), List.of(), List.of("billing"), List.of(), true);

        assertThat(AlembicFormat.cmdFormat(rev, false, false, false, false, false, true))
                .isEqualTo("c (head)");
    }

    @Test
    void branchesBlockIndentsChildrenByTheLengthOfTheBranchPoint() {
        RevisionInfo abc = plain("abc", "root", List.of(), List.of("def", "ghi"));
        RevisionInfo def = plain("def", "left", List.of("abc"), List.of());
        RevisionInfo ghi = plain("ghi", "right", List.of("abc"), List.of());

        assertThat(AlembicFormat.branchesEntry(abc, List.of(def, ghi), false) + "\n")
                .isEqualTo("abc (branchpoint)\n    -> def (head)\n    -> ghi (head)\n\n");
        assertThat(AlembicFormat.branchesEntry(abc, List.of(def, ghi), true))
                .startsWith("Rev: abc (branchpoint)\n")
                .endsWith("""
                            Create Date: 2024-01-01 10:00:00.123456

                            -> def (head), left
                            -> ghi (head), right
                        """);
    }

    @Test
    void docIsTheFirstParagraphOfTheStrippedLongDoc() {
        RevisionInfo rev = new RevisionInfo(
                "a",
                "line one",
                "\n  line one\nline two\n\nRevision ID: a\n",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                "/x/a.sql",
                true,
                true,
                false,
                false);

        assertThat(AlembicFormat.doc(rev)).isEqualTo("line one\nline two");
    }

    @Test
    void splitLinesAndStripFollowPython() {
        assertThat(AlembicFormat.pythonSplitLines("a\r\nb\rc\u2028d\n\ne\n"))
                .containsExactly("a", "b", "c", "d", "", "e");
        assertThat(AlembicFormat.pythonSplitLines("")).isEmpty();
        assertThat(AlembicFormat.pythonStrip("\u00a0\t x \u3000\n")).isEqualTo("x");
    }

    @Test
    void relativePathsAreShownAbsoluteAndClasspathPathsAsGiven() {
        assertThat(AlembicFormat.displayPath("classpath:db/migrations/a.sql"))
                .isEqualTo("classpath:db/migrations/a.sql");
        assertThat(AlembicFormat.displayPath("db/./migrations/a.sql"))
                .isEqualTo(java.nio.file.Path.of("db/migrations/a.sql")
                        .toAbsolutePath()
                        .toString());
    }
}
