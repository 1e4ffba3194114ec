package dev.migrations.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Finding;
import dev.migrations.LintOptions;
import dev.migrations.LintReport;
import dev.migrations.LintRule;
import dev.migrations.Migrations;
import dev.migrations.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule three ways: a hazardous statement is reported with its rule and line, the safe form
 * is not, and a {@code -- lint:ignore} comment above the hazardous statement silences it. Each
 * case is a revision on top of a base revision that creates the tables, so they hold data.
 */
public class LintRulesTest {
    public static final String BASE = "aaaa00000001";
    public static final String REVISION = "bbbb00000002";
    /** The line of the first upgrade statement in a script written by {@link #script}. */
    static final int FIRST_LINE = 8;

    @TempDir
    Path dir;

    /**
     * One rule's case.
     *
     * @param hazard upgrade statements whose last line is the hazardous statement
     * @param safe the safe way to do it
     * @param transactional the revision's Transactional header, for both forms
     */
    public record Case(LintRule rule, String hazard, String safe, boolean transactional) {
        @Override
        public String toString() {
            return rule.id();
        }
    }

    /** Every rule's case, as test arguments. */
    public static Stream<Arguments> cases() {
        return Stream.of(
                        new Case(
                                LintRule.CREATE_INDEX_NOT_CONCURRENTLY,
                                "CREATE INDEX orders_status ON orders (status);",
                                "CREATE TABLE refunds (id bigint, order_id bigint);\n"
                                        + "CREATE INDEX refunds_order ON refunds (order_id);",
                                true),
                        new Case(
                                LintRule.DROP_INDEX_NOT_CONCURRENTLY,
                                "DROP INDEX orders_note;",
                                "DROP INDEX CONCURRENTLY IF EXISTS orders_note;",
                                false),
                        new Case(
                                LintRule.CONCURRENTLY_IN_TRANSACTION,
                                "CREATE INDEX CONCURRENTLY orders_status ON orders (status);",
                                "CREATE INDEX orders_status ON orders (status);",
                                true),
                        new Case(
                                LintRule.ADD_COLUMN_VOLATILE_DEFAULT,
                                "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
                                "ALTER TABLE orders ADD COLUMN created timestamptz NOT NULL DEFAULT now();",
                                true),
                        new Case(
                                LintRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT,
                                "ALTER TABLE orders ADD COLUMN priority int NOT NULL;",
                                "ALTER TABLE orders ADD COLUMN priority int NOT NULL DEFAULT 0;",
                                true),
                        new Case(
                                LintRule.SET_NOT_NULL_WITHOUT_CHECK,
                                "ALTER TABLE orders ALTER COLUMN note SET NOT NULL;",
                                """
                                ALTER TABLE orders ADD CONSTRAINT note_nn CHECK (note IS NOT NULL) NOT VALID;
                                ALTER TABLE orders VALIDATE CONSTRAINT note_nn;
                                ALTER TABLE orders ALTER COLUMN note SET NOT NULL;""",
                                true),
                        new Case(
                                LintRule.CONSTRAINT_WITHOUT_NOT_VALID,
                                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                                        + " REFERENCES customers (id);",
                                "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)"
                                        + " REFERENCES customers (id) NOT VALID;\n"
                                        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;",
                                true),
                        new Case(
                                LintRule.UNIQUE_WITHOUT_INDEX,
                                "ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE (ref);",
                                "ALTER TABLE orders ADD CONSTRAINT orders_ref_key UNIQUE USING INDEX orders_ref_idx;",
                                true),
                        new Case(
                                LintRule.COLUMN_TYPE_REWRITE,
                                "ALTER TABLE orders ALTER COLUMN status TYPE integer USING status::integer;",
                                "ALTER TABLE orders ALTER COLUMN status TYPE varchar(32),"
                                        + " ALTER COLUMN amount TYPE numeric(12, 2);\n"
                                        + "ALTER TABLE orders ALTER COLUMN status SET DATA TYPE text;",
                                true),
                        new Case(
                                LintRule.RENAME_COLUMN,
                                "ALTER TABLE orders RENAME COLUMN note TO remark;",
                                "ALTER TABLE orders ADD COLUMN remark text;",
                                true),
                        new Case(
                                LintRule.RENAME_TABLE,
                                "ALTER TABLE orders RENAME TO purchases;",
                                "CREATE TABLE purchases (id bigint);\nALTER TABLE purchases RENAME TO purchase_orders;",
                                true),
                        new Case(
                                LintRule.DROP_COLUMN,
                                "ALTER TABLE orders DROP COLUMN note;",
                                "CREATE TABLE scratch (id bigint, junk text);\nALTER TABLE scratch DROP COLUMN junk;",
                                true),
                        new Case(
                                LintRule.DROP_TABLE,
                                "DROP TABLE IF EXISTS customers CASCADE;",
                                "CREATE TABLE scratch (id bigint);\nDROP TABLE scratch;",
                                true),
                        new Case(LintRule.VACUUM_FULL, "VACUUM (FULL, ANALYZE) orders;", "VACUUM orders;", false),
                        new Case(LintRule.CLUSTER, "CLUSTER orders USING orders_pkey;", "ANALYZE orders;", true),
                        new Case(
                                LintRule.LOCK_TABLE,
                                "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;",
                                "UPDATE orders SET note = 'x' WHERE id = 1;",
                                true),
                        new Case(
                                LintRule.MISSING_LOCK_TIMEOUT,
                                "ALTER TABLE orders ADD COLUMN remark text;",
                                "SET LOCAL lock_timeout TO '5s';\nALTER TABLE orders ADD COLUMN remark text;",
                                true),
                        new Case(
                                LintRule.DOWNGRADE_INCOMPLETE,
                                "ALTER TABLE orders ADD COLUMN remark text;",
                                "CREATE TABLE scratch (id bigint);",
                                true),
                        new Case(
                                LintRule.UNPARSED_STATEMENT,
                                "FROBNICATE orders;",
                                "INSERT INTO orders (id) VALUES (1);",
                                true))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hazardIsReportedWithRuleAndLine(Case c) throws IOException {
        List<Finding> findings = lint(c.hazard(), c.transactional(), "", c.rule());

        int lastLine =
                FIRST_LINE + (int) c.hazard().chars().filter(ch -> ch == '\n').count();
        assertThat(findings).as(c.rule().id()).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.line()).isEqualTo(lastLine);
        assertThat(finding.severity()).isEqualTo(c.rule().defaultSeverity());
        assertThat(finding.revision()).isEqualTo(REVISION);
        assertThat(finding.path()).endsWith("bbbb00000002_change.sql");
        assertThat(c.hazard()).contains(finding.statement());
        assertThat(finding.why()).isEqualTo(c.rule().why());
        assertThat(finding.instead()).isEqualTo(c.rule().instead());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void safeFormIsNotReported(Case c) throws IOException {
        assertThat(lint(c.safe(), c.transactional(), "", c.rule())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ignoreCommentAboveTheStatementSilencesTheRule(Case c) throws IOException {
        int last = c.hazard().lastIndexOf('\n') + 1;
        String suppressed = c.hazard().substring(0, last) + "-- reviewed with the DBA\n-- lint:ignore "
                + c.rule().id() + " table is tiny\n" + c.hazard().substring(last);

        assertThat(lint(suppressed, c.transactional(), "", c.rule())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ignoreFileCommentSilencesTheRuleForTheScript(Case c) throws IOException {
        String ignoreFile =
                "-- lint:ignore-file unparsed-statement, " + c.rule().id() + "\n";

        assertThat(lint(c.hazard(), c.transactional(), ignoreFile, c.rule())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void severityOffTurnsTheRuleOff(Case c) throws IOException {
        LintOptions off = LintOptions.defaults().withSeverity(c.rule().id(), Severity.OFF);
        assertThat(only(
                        c.rule(),
                        migrations(c.hazard(), c.transactional(), "", true).lint(null, off)))
                .isEmpty();
    }

    /** Lints {@code upgrade} as revision {@link #REVISION}; returns the findings of {@code rule}. */
    List<Finding> lint(String upgrade, boolean transactional, String beforeUpgrade, LintRule rule) throws IOException {
        return only(
                rule, migrations(upgrade, transactional, beforeUpgrade, true).lint(null, LintOptions.defaults()));
    }

    static List<Finding> only(LintRule rule, LintReport report) {
        return report.findings().stream()
                .filter(f -> f.rule().equals(rule.id()) && f.revision().equals(REVISION))
                .toList();
    }

    /**
     * Writes the base revision and one revision with {@code upgrade}, whose downgrade drops what
     * the safe forms create (so that only the downgrade rule's own case trips it).
     */
    Migrations migrations(String upgrade, boolean transactional, String beforeUpgrade, boolean withDowngrade)
            throws IOException {
        Path scripts = dir.resolve("db/migrations");
        Files.createDirectories(scripts);
        Files.writeString(
                scripts.resolve("aaaa00000001_base.sql"),
                script(
                        BASE,
                        "",
                        true,
                        "",
                        "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
                                + "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, status"
                                + " varchar(16), note text, amount numeric(10, 2), ref text);\n"
                                + "CREATE UNIQUE INDEX orders_ref_idx ON orders (ref);\n"
                                + "CREATE INDEX orders_note ON orders (note);",
                        "DROP TABLE orders;\nDROP TABLE customers;"),
                StandardCharsets.UTF_8);
        String downgrade = withDowngrade
                ? "DROP TABLE IF EXISTS scratch, refunds, purchases;\nDROP INDEX IF EXISTS orders_status;\n"
                        + "ALTER TABLE orders DROP COLUMN IF EXISTS token, DROP COLUMN IF EXISTS created,"
                        + " DROP COLUMN IF EXISTS priority;"
                : null;
        Files.writeString(
                scripts.resolve(REVISION + "_change.sql"),
                script(REVISION, BASE, transactional, beforeUpgrade, upgrade, downgrade),
                StandardCharsets.UTF_8);
        return Migrations.configure().locations("filesystem:" + scripts).load();
    }

    /** A script whose first upgrade statement is on line {@link #FIRST_LINE} when {@code beforeUpgrade} is empty. */
    public static String script(
            String id, String revises, boolean transactional, String beforeUpgrade, String upgrade, String downgrade) {
        return "-- change\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises + "\n-- Transactional: "
                + transactional + "\n" + (beforeUpgrade.isEmpty() ? "\n" : "\n" + beforeUpgrade)
                + "-- migrate:upgrade\n" + upgrade + "\n"
                + (downgrade == null ? "" : "\n-- migrate:downgrade\n" + downgrade + "\n");
    }
}
