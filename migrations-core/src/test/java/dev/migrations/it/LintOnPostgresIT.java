package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrations.LintOptions;
import dev.migrations.LintReport;
import dev.migrations.LintRule;
import dev.migrations.MigrationFailedException;
import dev.migrations.Migrations;
import dev.migrations.internal.lint.LintRulesTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lint's claims checked on a real PostgreSQL: every safe alternative the rule tests accept
 * really runs, the hazards that "fail" really fail, and {@code lintPending} sees the database.
 */
class LintOnPostgresIT {
    @TempDir
    Path dir;

    private TestDatabase db;

    @AfterEach
    void drop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private Migrations engine(String upgrade, boolean transactional) throws IOException {
        Path scripts = Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(
                scripts.resolve(LintRulesTest.BASE + "_base.sql"),
                LintRulesTest.script(
                        LintRulesTest.BASE,
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
        Files.writeString(
                scripts.resolve(LintRulesTest.REVISION + "_change.sql"),
                LintRulesTest.script(LintRulesTest.REVISION, LintRulesTest.BASE, transactional, "", upgrade, ""),
                StandardCharsets.UTF_8);
        db = db == null ? TestDatabases.postgres() : db;
        return db.configure(scripts).load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.migrations.internal.lint.LintRulesTest#cases")
    void everySafeFormRunsOnPostgres(LintRulesTest.Case c) throws Exception {
        Migrations migrations = engine(c.safe(), c.transactional());
        migrations.upgrade(LintRulesTest.BASE);
        db.execute(
                "INSERT INTO customers VALUES (1)", "INSERT INTO orders (id, customer_id, note) VALUES (100, 1, 'n')");

        migrations.upgrade("head");

        assertThat(migrations.currentRows()).containsExactly(LintRulesTest.REVISION);
    }

    @Test
    void concurrentlyInATransactionalRevisionFailsAsTheLintSays() throws Exception {
        Migrations migrations = engine("CREATE INDEX CONCURRENTLY orders_status ON orders (status);", true);

        MigrationFailedException failure =
                catchThrowableOfType(MigrationFailedException.class, () -> migrations.upgrade("head"));

        assertThat(failure.getMessage()).contains("cannot run inside a transaction block");
    }

    @Test
    void notNullColumnWithoutDefaultFailsOnATableWithRows() throws Exception {
        Migrations migrations = engine("ALTER TABLE orders ADD COLUMN priority int NOT NULL;", true);
        migrations.upgrade(LintRulesTest.BASE);
        db.execute("INSERT INTO orders (id) VALUES (1)");

        MigrationFailedException failure =
                catchThrowableOfType(MigrationFailedException.class, () -> migrations.upgrade("head"));

        assertThat(failure.getMessage()).contains("contains null values");
    }

    @Test
    void pendingLintCoversOnlyWhatTheDatabaseHasNotApplied() throws Exception {
        Migrations migrations = engine("CREATE INDEX orders_status ON orders (status);", true);

        LintReport fresh = migrations.lintPending("heads", LintOptions.defaults());
        migrations.upgrade(LintRulesTest.BASE);
        LintReport atBase = migrations.lintPending("heads", LintOptions.defaults());
        migrations.upgrade("head");
        LintReport atHead = migrations.lintPending("heads", LintOptions.defaults());

        assertThat(fresh.revisions()).containsExactly(LintRulesTest.BASE, LintRulesTest.REVISION);
        assertThat(atBase.revisions()).containsExactly(LintRulesTest.REVISION);
        assertThat(atBase.findings())
                .extracting(f -> f.rule())
                .contains(LintRule.CREATE_INDEX_NOT_CONCURRENTLY.id(), LintRule.MISSING_LOCK_TIMEOUT.id());
        assertThat(atHead.revisions()).isEmpty();
        assertThat(atHead.findings()).isEmpty();
    }
}
