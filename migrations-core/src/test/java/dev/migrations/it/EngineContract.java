package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrations.AppliedStep;
import dev.migrations.ChecksumMismatch;
import dev.migrations.ChecksumMismatchException;
import dev.migrations.HistoryEntry;
import dev.migrations.MigrationFailedException;
import dev.migrations.MigrationResult;
import dev.migrations.MigrationStatus;
import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.MultipleHeadsException;
import dev.migrations.RevisionInfo;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The online engine's behaviour, run against every supported database. Each test writes its
 * revision files into its own directory and migrates its own fresh database. Version rows are read
 * with plain JDBC, not through the engine, and compared as sets: Alembic keeps one row per head, and
 * the physical order of the rows is not part of the contract (alembic-semantics.md §5).
 */
abstract class EngineContract extends DatabaseContract {
    /** Whether a failed revision's earlier statements are rolled back with it. */
    abstract boolean transactionalDdl();

    /** The SQLState the database reports for a missing table. */
    abstract String undefinedTableSqlState();

    // ------------------------------------------------------------------ helpers

    void assertRows(String... expected) throws SQLException {
        assertThat(rows()).as("rows of alembic_version").containsExactlyInAnyOrder(expected);
    }

    /** Tables named {@code t_<revision>} in the default schema: what the default scripts create. */
    List<String> tables() throws SQLException {
        return db.strings("SELECT LOWER(table_name) FROM information_schema.tables"
                + " WHERE LOWER(table_schema) = 'public' AND LOWER(table_name) LIKE 't!_%' ESCAPE '!'");
    }

    void assertTablesOf(String... revisions) throws SQLException {
        List<String> expected = new ArrayList<>();
        for (String revision : revisions) {
            expected.add("t_" + revision);
        }
        assertThat(tables()).as("tables created by the scripts").containsExactlyInAnyOrderElementsOf(expected);
    }

    long count(String sql) throws SQLException {
        return db.number(sql);
    }

    static List<String> ran(MigrationResult result) {
        List<String> ids = new ArrayList<>();
        for (AppliedStep step : result.steps()) {
            ids.add(step.revision());
        }
        return ids;
    }

    MigrationResult upgrade(String target, String... expectedRows) throws SQLException {
        MigrationResult result = engine().upgrade(target);
        assertThat(result.after()).as("rows after upgrade " + target).containsExactlyInAnyOrder(expectedRows);
        assertRows(expectedRows);
        return result;
    }

    MigrationResult downgrade(String target, String... expectedRows) throws SQLException {
        MigrationResult result = engine().downgrade(target);
        assertThat(result.after()).as("rows after downgrade " + target).containsExactlyInAnyOrder(expectedRows);
        assertRows(expectedRows);
        return result;
    }

    /** a -> b -> {c1 (label left), c2 (label right)} -> m (merge) -> d. */
    void writeDiamond() {
        files.rev("a").write();
        files.rev("b").revises("a").write();
        files.rev("c1").revises("b").labels("left").write();
        files.rev("c2").revises("b").labels("right").write();
        files.rev("d").revises("m").write();
        files.rev("m").revises("c1", "c2").write();
    }

    // ------------------------------------------------------------------ upgrade from empty

    @Test
    void upgradeHeadFromEmptyRunsEveryRevisionAndKeepsOneAlembicShapedRow() throws SQLException {
        files.linear("r1", "r2", "r3");

        MigrationResult result = upgrade("head", "r3");

        assertThat(result.before()).isEmpty();
        assertThat(ran(result)).containsExactly("r1", "r2", "r3");
        assertTablesOf("r1", "r2", "r3");
        assertThat(db.strings("SELECT LOWER(column_name) || ':' || LOWER(data_type) || ':'"
                        + " || character_maximum_length || ':' || is_nullable FROM information_schema.columns"
                        + " WHERE LOWER(table_name) = 'alembic_version'"))
                .containsExactly("version_num:character varying:32:NO");
        assertThat(db.strings("SELECT LOWER(constraint_name) FROM information_schema.table_constraints"
                        + " WHERE LOWER(table_name) = 'alembic_version' AND constraint_type = 'PRIMARY KEY'"))
                .containsExactly("alembic_version_pkc");
    }

    @Test
    void upgradeHeadsFromEmptyKeepsOneRowPerHeadAndUpgradesSiblingsInReverseLoadOrder() throws SQLException {
        files.rev("a").write();
        files.rev("b").revises("a").write();
        files.rev("c1").revises("b").write();
        files.rev("c2").revises("b").write();

        assertThatThrownBy(() -> engine().upgrade("head"))
                .isInstanceOf(MigrationsException.class)
                .hasMessage("Multiple head revisions are present for given argument 'head'; please specify a specific"
                        + " target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all"
                        + " heads")
                .isInstanceOfSatisfying(
                        MultipleHeadsException.class, e -> assertThat(e.heads()).containsExactlyInAnyOrder("c1", "c2"));
        // A run refused while planning creates nothing, not even the version table.
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) IN"
                        + " ('alembic_version', 'alembic_version_history')"))
                .isZero();
        assertTablesOf();

        MigrationResult result = upgrade("heads", "c1", "c2");

        assertThat(ran(result)).containsExactly("a", "b", "c2", "c1");
        assertTablesOf("a", "b", "c1", "c2");
    }

    // ------------------------------------------------------------------ branches and merges

    @Test
    void branchMergeAndUnmergeKeepOneRowPerHeadAfterEveryStep() throws SQLException {
        writeDiamond();

        // Up, one revision at a time. Expected rows follow alembic-semantics.md §5.
        upgrade("+1", "a"); // base revision: INSERT a
        upgrade("+1", "b"); // UPDATE a -> b
        upgrade("c1", "c1"); // UPDATE b -> c1
        upgrade("c2", "c1", "c2"); // c2's parent b is not a row: INSERT c2
        assertThatThrownBy(() -> engine().upgrade("+1"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("Ambiguous upgrade from multiple current revisions");
        MigrationResult merge = upgrade("left@+1", "m"); // merge: DELETE one parent, UPDATE the other -> m
        assertThat(ran(merge)).containsExactly("m");
        assertThat(merge.steps().get(0).from()).containsExactly("c1", "c2");
        upgrade("+1", "d"); // UPDATE m -> d
        assertTablesOf("a", "b", "c1", "c2", "m", "d");

        // And down again.
        downgrade("-1", "m"); // UPDATE d -> m
        MigrationResult unmerge = downgrade("c1", "c1", "c2"); // unmerge: INSERT one parent, UPDATE m -> other
        assertThat(ran(unmerge)).containsExactly("m");
        assertTablesOf("a", "b", "c1", "c2");
        downgrade("right@-1", "c1"); // c2's parent b is implied by row c1: DELETE c2
        assertTablesOf("a", "b", "c1");
        downgrade("b", "b"); // to the branch point: UPDATE c1 -> b
        downgrade("-1", "a");
        downgrade("-1"); // DELETE a; the table stays, empty
        assertTablesOf();
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'alembic_version'"))
                .isEqualTo(1);
    }

    @Test
    void downgradeToBranchPointRemovesBothBranchesInAlembicOrder() throws SQLException {
        writeDiamond();
        upgrade("heads", "d");

        MigrationResult result = downgrade("b", "b");

        assertThat(ran(result)).containsExactly("d", "m", "c1", "c2");
        assertThat(result.steps()).allSatisfy(step -> assertThat(step.name()).isEqualTo("downgrade"));
        // Each step as the history table recorded it: rows it left, rows it led to.
        assertThat(db.strings("SELECT from_revisions || '>' || to_revisions FROM alembic_version_history"
                        + " WHERE direction = 'downgrade' ORDER BY id"))
                .containsExactly("d>m", "m>c1,c2", "c1>b", "c2>b");
        assertTablesOf("a", "b");
    }

    @Test
    void dependencyOnAnotherRootIsAppliedFirstAndFoldedIntoOneRow() throws SQLException {
        files.rev("a1").write();
        files.rev("b1").revises("a1").dependsOn("x1").write();
        files.rev("x1").write();

        MigrationResult result = upgrade("b1", "b1"); // INSERT x1, INSERT a1, then merge both into b1
        assertThat(ran(result)).containsExactly("x1", "a1", "b1");
        assertTablesOf("a1", "b1", "x1");

        downgrade("a1", "a1", "x1"); // unmerge b1 into its parent and its dependency
        assertTablesOf("a1", "x1");
        downgrade("base");
        assertTablesOf();

        upgrade("x1", "x1");
        MigrationResult rest = upgrade("b1", "b1"); // INSERT a1 beside x1, then merge
        assertThat(ran(rest)).containsExactly("a1", "b1");
        assertTablesOf("a1", "b1", "x1");
    }

    @Test
    void relativeTargetsResolveAgainstTheDatabaseRows() throws SQLException {
        files.rev("r1").labels("main").write();
        files.rev("r2").revises("r1").write();
        files.rev("r3").revises("r2").write();
        files.rev("r4").revises("r3").write();
        files.rev("r5").revises("r4").write();

        upgrade("+2", "r2");
        upgrade("+1", "r3");
        downgrade("-1", "r2");
        upgrade("main@+1", "r3");
        assertThat(ran(upgrade("head-1", "r4"))).containsExactly("r4");
        downgrade("main@-1", "r3");
        assertThatThrownBy(() -> engine().upgrade("+9"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("Relative revision +9 didn't produce 9 migrations");
        assertRows("r3");
        assertThat(ran(upgrade("r1", "r3"))).isEmpty(); // below the rows: nothing to do
        assertThat(ran(upgrade("+2", "r5"))).containsExactly("r4", "r5");
        assertThat(ran(downgrade("-2", "r3"))).containsExactly("r5", "r4");
        assertTablesOf("r1", "r2", "r3");
    }

    // ------------------------------------------------------------------ stamp

    @Test
    void stampToHeadAndBaseMovesRowsWithoutRunningScripts() throws SQLException {
        files.linear("r1", "r2", "r3");

        MigrationResult stamped = engine().stamp(List.of("head"));
        assertThat(stamped.after()).containsExactly("r3");
        assertRows("r3");
        assertTablesOf();
        assertThat(ran(engine().upgrade("head"))).isEmpty();

        engine().stamp(List.of("base"));
        assertRows();
        assertThat(ran(upgrade("head", "r3"))).containsExactly("r1", "r2", "r3");
        assertThat(db.strings("SELECT direction FROM alembic_version_history ORDER BY id"))
                .containsExactly("stamp", "stamp", "upgrade", "upgrade", "upgrade");
    }

    @Test
    void stampToBranchesFollowsEachLineage() throws SQLException {
        files.rev("a").write();
        files.rev("b").revises("a").write();
        files.rev("c1").revises("b").write();
        files.rev("c2").revises("b").write();

        engine().stamp(List.of("c1"));
        assertRows("c1");
        engine().stamp(List.of("c2")); // on no stored lineage: INSERT
        assertRows("c1", "c2");
        engine().stamp(List.of("b")); // below both rows: they collapse into one
        assertRows("b");
        engine().stamp(List.of("heads"));
        assertRows("c1", "c2");
        assertThatThrownBy(() -> engine().stamp(List.of("head")))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("Multiple heads are present; please specify a single target revision");
        engine().stamp(List.of("base"));
        assertRows();
        assertTablesOf();
    }

    @Test
    void stampPurgeRecoversFromRowNamingUnknownRevision() throws SQLException {
        files.linear("r1", "r2");
        upgrade("head", "r2");
        db.execute("INSERT INTO alembic_version (version_num) VALUES ('zzzz')");

        String unknown = "Can't locate revision identified by 'zzzz'";
        String fromTheTable = "The version table alembic_version holds 'zzzz', which is no revision of the scripts in ";
        assertThatThrownBy(() -> engine().upgrade("head"))
                .hasMessageStartingWith(fromTheTable)
                .hasMessageContaining(unknown)
                .hasMessageContaining("'migrations stamp --purge <revision>'");
        assertThatThrownBy(() -> engine().stamp(List.of("r2")))
                .hasMessageStartingWith(fromTheTable)
                .hasMessageContaining(unknown);
        assertThatThrownBy(() -> engine().current()).hasMessageContaining(unknown);
        assertRows("r2", "zzzz");

        MigrationResult purged = engine().purgeAndStamp(List.of("r2"));

        assertThat(purged.after()).containsExactly("r2");
        assertRows("r2");
        assertThat(ran(engine().upgrade("head"))).isEmpty();
    }

    // ------------------------------------------------------------------ a database Alembic stamped

    @Test
    void databaseStampedByAlembicIsReadAsIsAndUpgradeContinues() throws SQLException {
        files.linear("r1", "r2", "r3", "r4");
        // What Alembic leaves behind after 'upgrade r2': its version table, its row, the tables.
        db.execute(
                "CREATE TABLE alembic_version (\n    version_num VARCHAR(32) NOT NULL, \n"
                        + "    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)",
                "INSERT INTO alembic_version (version_num) VALUES ('r2')",
                "CREATE TABLE t_r1 (id INT)",
                "CREATE TABLE t_r2 (id INT)");

        Migrations engine = engine();
        assertThat(engine.current()).extracting(RevisionInfo::id).containsExactly("r2");
        assertThat(engine.status("head").pending()).containsExactly("r3", "r4");
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE LOWER(table_name) = 'alembic_version_history'"))
                .isZero();

        MigrationResult result = upgrade("head", "r4");

        assertThat(ran(result)).containsExactly("r3", "r4");
        assertTablesOf("r1", "r2", "r3", "r4");
        assertThat(db.strings("SELECT revision || ':' || direction FROM alembic_version_history ORDER BY id"))
                .containsExactly("r3:upgrade", "r4:upgrade");
    }

    // ------------------------------------------------------------------ failures

    @Test
    void failedRevisionLeavesDatabaseAtPreviousRevisionAndNamesWhatFailed() throws SQLException {
        files.rev("r1").write();
        files.rev("r2").revises("r1").write();
        files.rev("r3").revises("r2").upgrade("""
                        CREATE TABLE t_r3 (id INT);
                        INSERT INTO t_r3 VALUES (1);
                        INSERT INTO no_such_table VALUES (1);
                        """).write();
        files.rev("r4").revises("r3").write();

        MigrationFailedException e =
                catchThrowableOfType(MigrationFailedException.class, () -> engine().upgrade("head"));

        int line = files.lineOf("r3", "no_such_table");
        assertThat(e).isNotNull();
        assertThat(e.revision()).isEqualTo("r3");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.sqlState()).isEqualTo(undefinedTableSqlState());
        assertThat(e.appliedInRun()).containsExactly("r1", "r2");
        assertThat(e.databaseAt()).containsExactly("r2");
        assertThat(e.getMessage())
                .startsWith("Revision r3 (")
                .contains(files.path("r3") + ":" + line + ") failed: ")
                .contains("[SQLState " + undefinedTableSqlState() + "]")
                .contains("Applied in this run: r1, r2.")
                .contains("The database is at r2; fix the script and run 'upgrade' again.");
        assertRows("r2");
        assertThat(db.strings("SELECT revision FROM alembic_version_history ORDER BY id"))
                .containsExactly("r1", "r2");
        if (transactionalDdl()) {
            assertTablesOf("r1", "r2"); // r3's CREATE TABLE was rolled back with it
        } else {
            assertTablesOf("r1", "r2", "r3");
            assertThat(e.getMessage()).contains("commits DDL as it runs: statements of r3 before line " + line);
        }

        files.rev("r3")
                .revises("r2")
                .upgrade("CREATE TABLE IF NOT EXISTS t_r3 (id INT);\n")
                .write();
        assertThat(ran(upgrade("head", "r4"))).containsExactly("r3", "r4");
    }

    @Test
    void downgradeOfRevisionWithoutDowngradeSectionIsRefusedBeforeAnythingRuns() throws SQLException {
        files.rev("r1").write();
        files.rev("r2").revises("r1").withoutDowngrade().write();
        files.rev("r3").revises("r2").write();
        upgrade("head", "r3");

        assertThatThrownBy(() -> engine().downgrade("base"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageStartingWith("Revision r2 (" + files.path("r2") + ") has no '-- migrate:downgrade'"
                        + " section, so it cannot be downgraded");

        assertRows("r3");
        assertTablesOf("r1", "r2", "r3"); // r3's downgrade, which comes first, did not run either
        assertThat(count("SELECT COUNT(*) FROM alembic_version_history WHERE direction = 'downgrade'"))
                .isZero();
        assertThat(ran(downgrade("r2", "r2"))).containsExactly("r3");
    }

    // ------------------------------------------------------------------ checksums and history

    @Test
    void editedAppliedScriptIsRefusedUntilItsChecksumIsRecorded() throws SQLException {
        files.linear("r1", "r2");
        upgrade("head", "r2");
        String applied = files.checksum("r2");
        files.append("r2", "-- an edit after the fact\n");
        String edited = files.checksum("r2");
        files.rev("r3").revises("r2").write();
        ChecksumMismatch expected = new ChecksumMismatch("r2", files.path("r2").toString(), applied, edited);

        ChecksumMismatchException e =
                catchThrowableOfType(ChecksumMismatchException.class, () -> engine().upgrade("head"));

        assertThat(e).isNotNull();
        assertThat(e.mismatches()).containsExactly(expected);
        assertThat(e.getMessage()).contains("r2", applied, edited);
        assertRows("r2");
        assertTablesOf("r1", "r2");
        assertThat(engine().checksumMismatches()).containsExactly(expected);
        assertThat(engine().status("head").checksumMismatches()).containsExactly(expected);

        MigrationResult unchecked =
                db.configure(scripts).validateChecksums(false).load().upgrade("head");
        assertThat(ran(unchecked)).containsExactly("r3");
        assertRows("r3");
        assertThatThrownBy(() -> engine().upgrade("head")).isInstanceOf(ChecksumMismatchException.class);

        assertThat(engine().recordChecksums(List.of())).containsExactly("r2");

        assertThat(engine().checksumMismatches()).isEmpty();
        assertThat(ran(upgrade("head", "r3"))).isEmpty();

        // A revision that is no longer applied may change; its new checksum is recorded when reapplied.
        downgrade("-1", "r2");
        files.append("r3", "-- reworked while not applied\n");
        assertThat(ran(upgrade("head", "r3"))).containsExactly("r3");
        assertThat(engine().appliedHistory()).last().satisfies(row -> assertThat(row.checksum())
                .isEqualTo(files.checksum("r3")));
        assertThat(engine().checksumMismatches()).isEmpty();
    }

    @Test
    void historyTableHasOneUpgradeRowPerRevisionWithChecksumDurationAndUser() throws SQLException {
        files.linear("r1", "r2", "r3");
        Instant before = Instant.now().minus(5, ChronoUnit.SECONDS);
        upgrade("head", "r3");
        Instant after = Instant.now().plus(5, ChronoUnit.SECONDS);

        List<HistoryEntry> history = engine().appliedHistory();

        assertThat(history).hasSize(3);
        List<String> revisions = List.of("r1", "r2", "r3");
        for (int i = 0; i < 3; i++) {
            HistoryEntry row = history.get(i);
            assertThat(row.revision()).isEqualTo(revisions.get(i));
            assertThat(row.direction()).isEqualTo("upgrade");
            assertThat(row.checksum()).isEqualTo(files.checksum(revisions.get(i)));
            assertThat(row.duration().toMillis()).isBetween(0L, 60_000L);
            assertThat(row.appliedAt()).isBetween(before, after);
        }
        String user = db.strings("SELECT CURRENT_USER").get(0);
        assertThat(db.strings("SELECT applied_by FROM alembic_version_history")).containsOnly(user);
        assertThat(db.strings(
                        "SELECT from_revisions || '>' || to_revisions FROM alembic_version_history" + " ORDER BY id"))
                .containsExactly(">r1", "r1>r2", "r2>r3");

        downgrade("-1", "r2");
        assertThat(engine().appliedHistory()).last().satisfies(row -> {
            assertThat(row.revision()).isEqualTo("r3");
            assertThat(row.direction()).isEqualTo("downgrade");
            assertThat(row.checksum()).isNull();
        });
    }

    // ------------------------------------------------------------------ status and current

    @Test
    void statusListsPendingRevisionsInRunOrderUntilUpToDate() throws SQLException {
        writeDiamond();
        upgrade("b", "b");

        MigrationStatus status = engine().status("heads");

        assertThat(status.current()).containsExactly("b");
        assertThat(status.targetRevisions()).containsExactly("d");
        assertThat(status.pending()).containsExactly("c2", "c1", "m", "d");
        assertThat(status.upToDate()).isFalse();
        assertThat(ran(upgrade("heads", "d"))).isEqualTo(status.pending());

        MigrationStatus done = engine().status("heads");
        assertThat(done.pending()).isEmpty();
        assertThat(done.upToDate()).isTrue();
        assertThat(done.current()).containsExactly("d");
        assertThat(engine().status("c1").upToDate()).isTrue();
    }

    @Test
    void currentReportsBranchTipsAndCreatesNothing() throws SQLException {
        writeDiamond();

        assertThat(engine().current()).isEmpty();
        assertThat(engine().currentRows()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE LOWER(table_name) LIKE 'alembic!_version%' ESCAPE '!'"))
                .isZero();

        upgrade("c1", "c1");
        upgrade("c2", "c1", "c2");

        assertThat(engine().current()).extracting(RevisionInfo::id).containsExactlyInAnyOrder("c1", "c2");
        assertThat(engine().currentRows()).containsExactlyInAnyOrder("c1", "c2");
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void runnersStartedTogetherApplyEachRevisionOnce() throws Exception {
        int revisions = 30;
        int runners = 6;
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= revisions; i++) {
            String id = String.format(Locale.ROOT, "r%02d", i);
            RevisionFiles.Rev rev = files.rev(id);
            if (i == 1) {
                rev.upgrade("""
                        CREATE TABLE ledger (revision VARCHAR(32) NOT NULL);
                        INSERT INTO ledger (revision) VALUES ('r01');
                        """);
            } else {
                rev.revises(ids.get(ids.size() - 1)).upgrade("INSERT INTO ledger (revision) VALUES ('" + id + "');\n");
            }
            rev.write();
            ids.add(id);
        }
        String head = ids.get(ids.size() - 1);
        CountDownLatch ready = new CountDownLatch(runners);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(runners);
        List<MigrationResult> results = new ArrayList<>();
        try {
            List<Future<MigrationResult>> futures = new ArrayList<>();
            for (int i = 0; i < runners; i++) {
                futures.add(pool.submit(() -> {
                    Migrations engine = engine(); // each runner: its own engine, its own connections
                    ready.countDown();
                    go.await();
                    return engine.upgrade("head");
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<MigrationResult> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(results).allSatisfy(result -> assertThat(result.after()).containsExactly(head));
        assertThat(results.stream().mapToInt(MigrationResult::scriptsRun).sum()).isEqualTo(revisions);
        assertRows(head);
        assertThat(db.strings("SELECT revision || ':' || COUNT(*) FROM ledger GROUP BY revision"))
                .containsExactlyInAnyOrderElementsOf(
                        ids.stream().map(id -> id + ":1").toList());
        assertThat(db.strings("SELECT revision || ':' || COUNT(*) FROM alembic_version_history"
                        + " WHERE direction = 'upgrade' GROUP BY revision"))
                .containsExactlyInAnyOrderElementsOf(
                        ids.stream().map(id -> id + ":1").toList());
    }

    // ------------------------------------------------------------------ configuration

    @Test
    void runsOverAProvidedDataSource() throws SQLException {
        files.linear("r1", "r2");
        Migrations engine = Migrations.configure()
                .locations("filesystem:" + scripts)
                .dataSource(db.dataSource())
                .load();

        assertThat(engine.upgrade("head").after()).containsExactly("r2");

        assertRows("r2");
        assertTablesOf("r1", "r2");
        assertThat(engine.status("head").upToDate()).isTrue();
    }

    @Test
    void versionTableNameThatNeedsQuotingIsQuotedEverywhere() throws SQLException {
        files.linear("r1", "r2");
        Migrations engine = db.configure(scripts).versionTable("Versions").load();

        assertThat(engine.upgrade("head").after()).containsExactly("r2");
        assertThat(engine.downgrade("-1").after()).containsExactly("r1");

        assertThat(db.strings("SELECT version_num FROM \"Versions\"")).containsExactly("r1");
        assertThat(db.strings("SELECT revision || ':' || direction FROM \"Versions_history\" ORDER BY id"))
                .containsExactly("r1:upgrade", "r2:upgrade", "r2:downgrade");
        assertThat(db.strings("SELECT constraint_name FROM information_schema.table_constraints"
                        + " WHERE table_name = 'Versions' AND constraint_type = 'PRIMARY KEY'"))
                .containsExactly("Versions_pkc");
        assertThat(engine.currentRows()).containsExactly("r1");
        assertTablesOf("r1");
    }

    @Test
    void customVersionTableInCustomSchemaHoldsTheState() throws SQLException {
        files.linear("r1", "r2");
        db.execute("CREATE SCHEMA ops");
        Migrations custom = db.configure(scripts)
                .versionTable("schema_version")
                .schema("ops")
                .load();

        MigrationResult result = custom.upgrade("head");

        assertThat(result.after()).containsExactly("r2");
        assertThat(db.strings("SELECT version_num FROM ops.schema_version")).containsExactly("r2");
        assertThat(db.strings("SELECT revision FROM ops.schema_version_history ORDER BY id"))
                .containsExactly("r1", "r2");
        assertThat(count("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE LOWER(table_name) IN ('alembic_version', 'alembic_version_history')"))
                .isZero();
        assertThat(db.strings("SELECT LOWER(constraint_name) FROM information_schema.table_constraints"
                        + " WHERE LOWER(table_schema) = 'ops' AND constraint_type = 'PRIMARY KEY'"
                        + " AND LOWER(table_name) = 'schema_version'"))
                .containsExactly("schema_version_pkc");
        assertTablesOf("r1", "r2");
        assertThat(custom.currentRows()).containsExactly("r2");
        assertThat(engine().currentRows()).isEmpty(); // the default table was never created

        custom.downgrade("base");
        assertThat(db.strings("SELECT version_num FROM ops.schema_version")).isEmpty();
        assertTablesOf();
    }

    @Test
    void nonTransactionalRevisionStoppedHalfWayIsReportedUntilStamped() throws SQLException {
        files.rev("r1").write();
        files.rev("r2")
                .revises("r1")
                .nonTransactional()
                .upgrade("CREATE TABLE t_r2 (id INT);\nCREATE TABLE t_r2_b (id INT);\nSELECT * FROM missing_table;\n")
                .write();
        assertThatThrownBy(() -> engine().upgrade("head")).isInstanceOf(MigrationFailedException.class);
        assertRows("r1");

        int line = files.lineOf("r2", "missing_table");
        assertThatThrownBy(() -> engine().upgrade("head"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("Revision r2 (" + files.path("r2") + ") is not transactional and its upgrade"
                        + " stopped half-way: 2 of 3 statements completed; statement 3 (line " + line + ")")
                .hasMessageContaining("'migrations stamp r2'")
                .hasMessageContaining("'migrations stamp r1'");
        assertRows("r1");

        // Finished by hand (the statement dropped), then stamped: the record goes, runs go on.
        engine().stamp(List.of("r2"));
        assertRows("r2");
        assertThat(count("SELECT COUNT(*) FROM alembic_version_partial")).isZero();
        assertThat(ran(engine().upgrade("head"))).isEmpty();
    }
}
