package dev.migrations.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.Finding;
import dev.migrations.LintOptions;
import dev.migrations.LintReport;
import dev.migrations.LintRule;
import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lint beyond single rules: downgrades, scope, configuration, and statements nobody parses. */
class LintBehaviourTest {
    @TempDir
    Path dir;

    private final LintRulesTest rules = new LintRulesTest();

    private List<Finding> lint(String upgrade, String downgrade, LintRule rule) throws IOException {
        rules.dir = dir;
        Path scripts = Files.createDirectories(dir.resolve("db/migrations"));
        rules.migrations("SELECT 1;", true, "", true);
        Files.writeString(
                scripts.resolve(LintRulesTest.REVISION + "_change.sql"),
                LintRulesTest.script(LintRulesTest.REVISION, LintRulesTest.BASE, true, "", upgrade, downgrade),
                StandardCharsets.UTF_8);
        Migrations migrations =
                Migrations.configure().locations("filesystem:" + scripts).load();
        return LintRulesTest.only(rule, migrations.lint(null, LintOptions.defaults()));
    }

    @Test
    void missingDowngradeIsReportedOnTheHeaderAndSilencedPerFile() throws IOException {
        List<Finding> missing = lint("SELECT 1;", null, LintRule.MISSING_DOWNGRADE);
        assertThat(missing).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(1);
            assertThat(f.message()).contains("bbbb00000002 has no '-- migrate:downgrade' section");
        });
        assertThat(lint("SELECT 1;", "", LintRule.MISSING_DOWNGRADE)).isEmpty();

        rules.dir = dir;
        rules.migrations("SELECT 1;", true, "", true);
        Path file = dir.resolve("db/migrations/" + LintRulesTest.REVISION + "_change.sql");
        Files.writeString(
                file,
                LintRulesTest.script(
                        LintRulesTest.REVISION,
                        LintRulesTest.BASE,
                        true,
                        "-- lint:ignore-file missing-downgrade data migration, cannot be undone\n",
                        "SELECT 1;",
                        null));
        Migrations migrations = Migrations.configure()
                .locations("filesystem:" + dir.resolve("db/migrations"))
                .load();
        assertThat(LintRulesTest.only(LintRule.MISSING_DOWNGRADE, migrations.lint(null, LintOptions.defaults())))
                .isEmpty();
    }

    @Test
    void ignoreFileMayStandInTheHeader() throws IOException {
        rules.dir = dir;
        rules.migrations("SELECT 1;", true, "", true);
        Path file = dir.resolve("db/migrations/" + LintRulesTest.REVISION + "_change.sql");
        Files.writeString(
                file,
                "-- drop the legacy table\n--\n-- Revision ID: " + LintRulesTest.REVISION + "\n-- Revises: "
                        + LintRulesTest.BASE + "\n-- lint:ignore-file drop-table archived to S3 first\n\n"
                        + "-- migrate:upgrade\nDROP TABLE customers;\n");
        Migrations migrations = Migrations.configure()
                .locations("filesystem:" + dir.resolve("db/migrations"))
                .load();

        LintReport report = migrations.lint(null, LintOptions.defaults());

        assertThat(LintRulesTest.only(LintRule.DROP_TABLE, report)).isEmpty();
        assertThat(LintRulesTest.only(LintRule.MISSING_DOWNGRADE, report)).hasSize(1);
    }

    @Test
    void downgradeMustDropCreatedTablesColumnsAndIndexes() throws IOException {
        String upgrade = "CREATE TABLE refunds (id bigint);\nALTER TABLE orders ADD COLUMN remark text;\n"
                + "CREATE INDEX orders_status ON orders (status);";

        List<Finding> none = lint(upgrade, "", LintRule.DOWNGRADE_INCOMPLETE);
        List<Finding> all = lint(
                upgrade,
                "DROP INDEX orders_status;\nALTER TABLE orders DROP remark;\nDROP TABLE refunds;",
                LintRule.DOWNGRADE_INCOMPLETE);

        assertThat(none).extracting(Finding::line).containsExactly(8, 9, 10);
        assertThat(none)
                .extracting(Finding::message)
                .containsExactly(
                        "The upgrade creates table refunds but the downgrade does not drop it.",
                        "The upgrade creates column orders.remark but the downgrade does not drop it.",
                        "The upgrade creates index orders_status but the downgrade does not drop it.");
        assertThat(all).isEmpty();
    }

    @Test
    void serialAndIdentityColumnsRewriteTheTable() throws IOException {
        assertThat(lint("ALTER TABLE orders ADD COLUMN seq bigserial;", "", LintRule.ADD_COLUMN_VOLATILE_DEFAULT))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("a value filled in per row"));
        assertThat(lint(
                        "ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;",
                        "",
                        LintRule.ADD_COLUMN_VOLATILE_DEFAULT))
                .hasSize(1);
        assertThat(lint(
                        "ALTER TABLE orders ADD COLUMN n int NOT NULL DEFAULT 0;",
                        "",
                        LintRule.ADD_COLUMN_VOLATILE_DEFAULT))
                .isEmpty();
    }

    @Test
    void typeChangesOfColumnsWithUnknownTypesAreReported() throws IOException {
        assertThat(lint("ALTER TABLE orders ALTER COLUMN ghost TYPE text;", "", LintRule.COLUMN_TYPE_REWRITE))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("its current type is not known"));
        assertThat(lint("ALTER TABLE orders ALTER COLUMN status TYPE varchar(8);", "", LintRule.COLUMN_TYPE_REWRITE))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("from varchar(16) to varchar(8)"));
    }

    @Test
    void configuredDdlLockTimeoutSatisfiesTheLockTimeoutRule() throws IOException {
        rules.dir = dir;
        Migrations plain = rules.migrations("ALTER TABLE orders ADD COLUMN remark text;", true, "", true);
        Migrations configured = Migrations.configure()
                .locations("filesystem:" + dir.resolve("db/migrations"))
                .ddlLockTimeout(java.time.Duration.ofSeconds(5))
                .load();

        assertThat(LintRulesTest.only(LintRule.MISSING_LOCK_TIMEOUT, plain.lint(null, LintOptions.defaults())))
                .hasSize(1);
        assertThat(LintRulesTest.only(
                        LintRule.MISSING_LOCK_TIMEOUT,
                        plain.lint(null, LintOptions.defaults().withDdlLockTimeout(true))))
                .isEmpty();
        assertThat(LintRulesTest.only(LintRule.MISSING_LOCK_TIMEOUT, configured.lint(null, LintOptions.defaults())))
                .isEmpty();
    }

    @Test
    void aRangeLintsOnlyItsRevisionsButLearnsFromEarlierOnes() throws IOException {
        rules.dir = dir;
        Migrations migrations = rules.migrations("ALTER TABLE orders ALTER COLUMN status TYPE text;", true, "", true);

        LintReport onlyChange =
                migrations.lint(LintRulesTest.BASE + ":" + LintRulesTest.REVISION, LintOptions.defaults());
        LintReport onlyBase = migrations.lint(":" + LintRulesTest.BASE, LintOptions.defaults());

        assertThat(onlyChange.revisions()).contains(LintRulesTest.REVISION);
        // varchar(16) -> text is known safe because the base revision's CREATE TABLE was read.
        assertThat(LintRulesTest.only(LintRule.COLUMN_TYPE_REWRITE, onlyChange)).isEmpty();
        assertThat(onlyBase.revisions()).containsExactly(LintRulesTest.BASE);
        assertThat(onlyBase.findings()).allSatisfy(f -> assertThat(f.revision()).isEqualTo(LintRulesTest.BASE));
    }

    @Test
    void statementsNoParserKnowsGiveAtMostAnInfoFinding() throws IOException {
        String upgrade = """
                DO $$ BEGIN PERFORM 1; END $$;
                CREATE TRIGGER t AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION f();
                GRANT SELECT ON orders TO reporting;
                REINDEX TABLE CONCURRENTLY orders;
                COMMENT ON COLUMN orders.note IS 'x; y';
                CREATE POLICY p ON orders USING (true);
                ALTER TABLE orders ADD COLUMN x int CONSTRAINT
                ALTER TABLE;""";
        rules.dir = dir;
        LintReport report = rules.migrations(upgrade, true, "", true).lint(null, LintOptions.defaults());

        assertThat(report.findings())
                .filteredOn(f -> f.rule().equals(LintRule.UNPARSED_STATEMENT.id()))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void parserAndFallbackAgreeOnWhatStatementsDo() {
        assertThat(StatementReader.read("ALTER TABLE public.\"Orders\" ADD COLUMN a int NOT NULL"))
                .containsExactly(new Op.AddColumn("Orders", "a", "integer", true, null, false));
        assertThat(TokenReader.read("ALTER TABLE public.\"Orders\" ADD COLUMN a int NOT NULL"))
                .containsExactly(new Op.AddColumn("Orders", "a", "integer", true, null, false));
        assertThat(StatementReader.read("ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX i"))
                .containsExactly(new Op.AddConstraint("t", "u", Op.Kind.UNIQUE, false, true, null));
        assertThat(StatementReader.read("ALTER TABLE t ADD CONSTRAINT c CHECK ((a IS NOT NULL)) NOT VALID"))
                .containsExactly(new Op.AddConstraint("t", "c", Op.Kind.CHECK, true, false, "a"));
        assertThat(StatementReader.read("DROP INDEX CONCURRENTLY IF EXISTS a, s.b"))
                .containsExactly(new Op.DropIndex(List.of("a", "b"), true));
        assertThat(StatementReader.read("SET SESSION lock_timeout = 5000")).containsExactly(new Op.SetLockTimeout());
        assertThat(StatementReader.read("SELECT set_config('lock_timeout', '5s', true)"))
                .containsExactly(new Op.SetLockTimeout());
        assertThat(StatementReader.read("CREATE TABLE t (v character varying(20) NOT NULL, n DECIMAL(10,2))"))
                .containsExactly(new Op.CreateTable(
                        "t", List.of(new Op.Column("v", "varchar(20)"), new Op.Column("n", "numeric(10,2)"))));
    }

    @Test
    void knownSafeTypeChanges() {
        assertThat(Types.changesWithoutRewrite("varchar(10)", "varchar(20)")).isTrue();
        assertThat(Types.changesWithoutRewrite("varchar(20)", "varchar(10)")).isFalse();
        assertThat(Types.changesWithoutRewrite("varchar(10)", "text")).isTrue();
        assertThat(Types.changesWithoutRewrite("numeric(10,2)", "numeric(12,2)"))
                .isTrue();
        assertThat(Types.changesWithoutRewrite("numeric(10,2)", "numeric(12,3)"))
                .isFalse();
        assertThat(Types.changesWithoutRewrite("integer", "bigint")).isFalse();
        assertThat(Types.changesWithoutRewrite(null, "text")).isFalse();
        assertThat(Types.canonical("timestamp(3) with time zone")).isEqualTo("timestamptz(3)");
    }

    @Test
    void unknownRuleIdsAndSeveritiesAreRejectedWithTheAllowedValues() {
        assertThatThrownBy(() -> LintOptions.defaults().withSeverity("no-such-rule", Severity.ERROR))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("Unknown lint rule 'no-such-rule'; the rules are create-index-not-concurrently");
        assertThatThrownBy(() -> Severity.parse("fatal"))
                .hasMessage("Unknown severity 'fatal'; use off, info, warning or error");
    }
}
