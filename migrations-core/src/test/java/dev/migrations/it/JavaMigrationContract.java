package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrations.ChecksumMismatchException;
import dev.migrations.MigrationFailedException;
import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import dev.migrations.NewRevision;
import dev.migrations.RevisionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Java migrations on every supported database: they sit in the graph between SQL revisions, run in
 * the same loop and transaction, are recorded in the history with a checksum, and fail like SQL.
 * The graph is SQL {@code r1}, Java {@code j2} (found by scanning {@code dev.migrations.it.javamig}),
 * SQL {@code r3}.
 */
abstract class JavaMigrationContract extends DatabaseContract {
    static final String PACKAGE = "dev.migrations.it.javamig";

    abstract boolean transactionalDdl();

    /** Runs after the base class has opened the database: every test starts from SQL revision r1. */
    @BeforeEach
    final void writeFirstRevision() {
        files.rev("r1").write();
    }

    MigrationsConfig.Builder scanned() {
        files.rev("r3").revises("j2").write();
        return db.configure(scripts).javaMigrationPackages(PACKAGE);
    }

    List<String> tables() throws SQLException {
        return db.strings("SELECT LOWER(table_name) FROM information_schema.tables"
                + " WHERE LOWER(table_schema) = 'public' AND LOWER(table_name) LIKE 't!_%' ESCAPE '!' ORDER BY 1");
    }

    @Test
    void javaRevisionBetweenSqlRevisionsUpgradesAndDowngrades() throws SQLException {
        Migrations engine = scanned().load();

        MigrationResult up = engine.upgrade("head");

        assertThat(up.steps()).extracting(s -> s.revision()).containsExactly("r1", "j2", "r3");
        assertThat(rows()).containsExactly("r3");
        assertThat(tables()).containsExactly("t_j2", "t_r1", "t_r3");
        assertThat(db.strings("SELECT id || ':' || dialect || ':' || revision FROM t_j2"))
                .containsExactly("42:" + db.kind() + ":j2");
        assertThat(db.strings("SELECT checksum FROM alembic_version_history WHERE revision = 'j2'"))
                .singleElement()
                .asString()
                .matches("[0-9a-f]{64}");

        engine.downgrade("r1");
        assertThat(rows()).containsExactly("r1");
        assertThat(tables()).containsExactly("t_r1");
        engine.downgrade("base");
        assertThat(rows()).isEmpty();
    }

    @Test
    void javaRevisionAppearsInHistoryHeadsShowAndStatus() {
        Migrations engine = scanned().load();

        RevisionInfo j2 = engine.graph().show("j2").get(0);
        assertThat(j2.message()).isEqualTo("Add accounts in Java");
        assertThat(j2.path()).isEqualTo(PACKAGE + ".V2AddAccounts");
        assertThat(j2.downRevisions()).containsExactly("r1");
        assertThat(engine.graph().history(null)).extracting(RevisionInfo::id).containsExactly("r3", "j2", "r1");
        assertThat(engine.graph().heads()).extracting(RevisionInfo::id).containsExactly("r3");
        assertThat(engine.status("head").pending()).containsExactly("r1", "j2", "r3");
        engine.upgrade("j2");
        assertThat(engine.status("head").pending()).containsExactly("r3");
        assertThat(engine.checksumMismatches()).isEmpty();
    }

    @Test
    void offlineScriptHasTheJavaMigrationsSqlUnderItsRunningLine() {
        String sql = scanned().dialect(db.kind()).load().upgradeSql("r1:r3");

        assertThat(sql)
                .contains("-- Running upgrade r1 -> j2\n\n"
                        + "CREATE TABLE t_j2 (id INT, dialect VARCHAR(20), revision VARCHAR(32));\n\n"
                        + "INSERT INTO t_j2 VALUES (42, '" + db.kind() + "', 'j2');\n\n"
                        + "UPDATE alembic_version SET version_num='j2' WHERE alembic_version.version_num = 'r1';")
                .contains("-- Running upgrade j2 -> r3");
        assertThat(scanned().load().downgradeSql("j2:r1"))
                .contains("-- Running downgrade j2 -> r1\n\nDROP TABLE t_j2;");
    }

    @Test
    void changedChecksumOfAnAppliedJavaRevisionIsRefused() {
        db.configure(scripts)
                .javaMigrations(new JavaFixtures.Versioned("1"))
                .load()
                .upgrade("head");
        Migrations changed = db.configure(scripts)
                .javaMigrations(new JavaFixtures.Versioned("2"))
                .load();

        assertThat(changed.checksumMismatches()).singleElement().satisfies(m -> assertThat(m.path())
                .isEqualTo(JavaFixtures.Versioned.class.getName()));
        assertThatThrownBy(() -> changed.upgrade("head"))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("jver");
        assertThat(changed.recordChecksums(List.of())).containsExactly("jver");
        assertThat(changed.checksumMismatches()).isEmpty();
    }

    @Test
    void newSqlRevisionOnTopOfAJavaHeadRevisesIt() throws IOException {
        Migrations engine = db.configure(scripts).javaMigrationPackages(PACKAGE).load();

        Path written = engine.revision(
                new NewRevision("after java", List.of("head"), false, List.of(), List.of(), "r4", null));

        assertThat(written.getParent()).isEqualTo(scripts);
        assertThat(Files.readString(written)).contains("-- Revision ID: r4\n-- Revises: j2\n");
    }

    @Test
    void failingJavaMigrationRollsBackAndNamesRevisionAndClass() throws SQLException {
        Migrations engine =
                db.configure(scripts).javaMigrations(new JavaFixtures.Failing()).load();

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> engine.upgrade("head"));

        assertThat(e).isNotNull();
        assertThat(e.revision()).isEqualTo("jfail");
        assertThat(e.path()).isEqualTo(JavaFixtures.Failing.class.getName());
        assertThat(e.line()).isPositive();
        assertThat(e.appliedInRun()).containsExactly("r1");
        assertThat(e.getMessage())
                .startsWith("Revision jfail (" + JavaFixtures.Failing.class.getName() + ", line " + e.line()
                        + ") failed: IllegalStateException: boom in Java. Applied in this run: r1.")
                .endsWith("The database is at r1; fix the migration and run 'upgrade' again.");
        assertThat(rows()).containsExactly("r1");
        assertThat(db.strings("SELECT revision FROM alembic_version_history")).containsExactly("r1");
        if (transactionalDdl()) {
            assertThat(tables()).containsExactly("t_r1");
        }
    }

    @Test
    void migrationCannotCommitTheEnginesTransaction() throws SQLException {
        Migrations engine =
                db.configure(scripts).javaMigrations(new JavaFixtures.Commits()).load();

        MigrationFailedException e = catchThrowableOfType(MigrationFailedException.class, () -> engine.upgrade("head"));

        assertThat(e.getMessage()).contains("called Connection.commit()", "transactional = false");
        assertThat(rows()).containsExactly("r1");
        if (transactionalDdl()) {
            assertThat(tables()).containsExactly("t_r1");
        }
    }

    @Test
    void connectionOfflineIsAClearError() {
        Migrations engine = Migrations.configure()
                .locations("filesystem:" + scripts)
                .javaMigrations(new JavaFixtures.UsesConnection())
                .load();

        assertThatThrownBy(() -> engine.upgradeSql("head"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("Revision jconn (" + JavaFixtures.UsesConnection.class.getName() + ")")
                .hasMessageContaining("offline mode (--sql)")
                .hasMessageContaining("MigrationContext.execute()");
    }

    @Test
    void migrationInstanceUsesItsCollaborator() throws SQLException {
        db.configure(scripts)
                .javaMigrations(new JavaFixtures.WithService(() -> "from the service"))
                .load()
                .upgrade("head");

        assertThat(rows()).containsExactly("jbean");
        assertThat(db.strings("SELECT name FROM t_jbean")).containsExactly("from the service");
    }

    @Test
    void javaIdClashingWithSqlRevisionNamesBoth() {
        assertThatThrownBy(() -> db.configure(scripts)
                        .javaMigrations(new JavaFixtures.DuplicateOfR1())
                        .load()
                        .upgrade("head"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("Revision r1 is present more than once")
                .hasMessageContaining("r1_rev.sql")
                .hasMessageContaining(JavaFixtures.DuplicateOfR1.class.getName());
    }

    @Test
    void downgradeWithoutOverrideIsRefusedBeforeAnythingRuns() throws SQLException {
        Migrations engine = db.configure(scripts)
                .javaMigrations(new JavaFixtures.WithService(() -> "x"))
                .load();
        engine.upgrade("head");

        assertThatThrownBy(() -> engine.downgrade("base"))
                .hasMessageContaining("Revision jbean (" + JavaFixtures.WithService.class.getName()
                        + ") does not override downgrade(), so it cannot be downgraded");
        assertThat(rows()).containsExactly("jbean");
    }

    @Test
    void operationsApiRendersForTheDatabaseOnlineAndOffline() throws SQLException {
        Migrations engine = db.configure(scripts)
                .javaMigrations(new JavaFixtures.UsesOperations())
                .load();

        engine.upgrade("head");
        assertThat(tables()).containsExactly("t_jops", "t_r1");
        String indexes = db.kind().equals("h2")
                ? "SELECT DISTINCT LOWER(index_name) FROM information_schema.indexes WHERE LOWER(table_name) = 't_jops'"
                : "SELECT indexname FROM pg_indexes WHERE tablename = 't_jops'";
        assertThat(db.strings(indexes)).contains("t_jops_email_idx");
        engine.downgrade("r1");
        assertThat(tables()).containsExactly("t_r1");

        String sql = db.configure(scripts)
                .javaMigrations(new JavaFixtures.UsesOperations())
                .dialect(db.kind())
                .load()
                .upgradeSql("r1:jops");
        assertThat(sql).contains("-- Running upgrade r1 -> jops").contains("CREATE TABLE t_jops (");
    }
}
