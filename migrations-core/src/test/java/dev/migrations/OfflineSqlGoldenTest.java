package dev.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Offline scripts compared with golden files in {@code src/test/resources/offline/golden}. Run with
 * {@code -Dgolden.update=true} to rewrite them after a deliberate change, then review the diff.
 */
class OfflineSqlGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/offline/golden");

    private static Migrations shop(String dialect, boolean perMigration) {
        return Migrations.configure()
                .locations("classpath:offline/shop")
                .dialect(dialect)
                .transactionPerMigration(perMigration)
                .load();
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name + ".sql");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "upgrade_heads_pg, postgresql, true, upgrade, heads",
        "upgrade_heads_single_transaction_pg, postgresql, false, upgrade, heads",
        "upgrade_heads_h2, h2, true, upgrade, heads",
        "upgrade_range_pg, postgresql, true, upgrade, a1:billing@head",
        "upgrade_branch_from_merge_pg, postgresql, true, upgrade, c1:m1",
        "downgrade_to_fork_pg, postgresql, true, downgrade, y1:b1",
        "downgrade_to_base_pg, postgresql, true, downgrade, y1:base",
        "downgrade_dependency_pg, postgresql, true, downgrade, y1:reports@-1",
    })
    void offlineScriptMatchesGolden(String name, String dialect, boolean perMigration, String command, String range)
            throws IOException {
        Migrations m = shop(dialect, perMigration);
        Function<String, String> render = command.equals("upgrade") ? m::upgradeSql : m::downgradeSql;
        assertGolden(name, render.apply(range));
    }

    @Test
    void stampScriptsMatchGolden() throws IOException {
        Migrations m = shop("postgresql", true);
        assertGolden("stamp_heads_pg", m.stampSql(List.of("heads")));
        assertGolden("stamp_m1_to_base_pg", m.stampSql(List.of("m1:base")));
        assertGolden("stamp_c1_to_c2_pg", m.stampSql(List.of("c1:c2")));
    }

    @Test
    void everyStepIsIntroducedByARunningLine() {
        String sql = shop("postgresql", true).upgradeSql("heads");
        assertThat(sql.lines().filter(l -> l.startsWith("-- Running")).toList())
                .containsExactly(
                        "-- Running upgrade  -> a1",
                        "-- Running upgrade a1 -> b1",
                        "-- Running upgrade  -> x1",
                        "-- Running upgrade b1 -> c2",
                        "-- Running upgrade b1 -> c1",
                        "-- Running upgrade c1, c2 -> m1",
                        "-- Running upgrade m1 -> y1");
    }

    @Test
    void downgradeNeedsARange() {
        assertThatThrownBy(() -> shop("postgresql", true).downgradeSql("base"))
                .hasMessage("downgrade with --sql requires <fromrev>:<torev>");
    }

    @Test
    void downgradeOfARevisionWithoutDowngradeSectionIsRefusedBeforeAnythingIsWritten(
            @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a_one.sql"), "-- one\n-- Revision ID: aaaa\n\n-- migrate:upgrade\nSELECT 1;\n");
        Migrations m = Migrations.configure().locations(dir.toString()).load();
        assertThatThrownBy(() -> m.downgradeSql("aaaa:base"))
                .hasMessageContaining("Revision aaaa (")
                .hasMessageContaining("has no '-- migrate:downgrade' section");
    }

    @Test
    void upgradeHeadWithSeveralHeadsGivesAlembicsAdvice() {
        assertThatThrownBy(() -> shop("postgresql", true).upgradeSql("head"))
                .hasMessage("Multiple head revisions are present for given argument 'head'; please specify a specific"
                        + " target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all"
                        + " heads");
    }

    @Test
    void unknownTargetCannotBeLocated() {
        assertThatThrownBy(() -> shop("postgresql", true).upgradeSql("zzzz"))
                .hasMessageStartingWith(
                        "Can't locate revision identified by 'zzzz' (No such revision or branch 'zzzz');")
                .hasMessageContaining("give a revision id or a unique start of one");
    }

    @Test
    void downgradeToARevisionOnAnotherBranchIsNotAValidTarget() {
        assertThatThrownBy(() -> shop("postgresql", true).downgradeSql("c1:c2"))
                .hasMessage("Destination c2 is not a valid downgrade target from current head(s) (c1); a downgrade"
                        + " goes to a revision below them, or to base");
    }
}
