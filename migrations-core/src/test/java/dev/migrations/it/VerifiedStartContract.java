package dev.migrations.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.ChecksumMismatchException;
import dev.migrations.MigrationListener;
import dev.migrations.MigrationResult;
import dev.migrations.MigrationStatus;
import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import dev.migrations.RunKind;
import dev.migrations.ScriptException;
import dev.migrations.StartMode;
import dev.migrations.StartOptions;
import dev.migrations.StartResult;
import dev.migrations.internal.runtime.OnlineRunner;
import dev.migrations.internal.script.ScriptLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A start at head reads no script when the database's verification record covers the scripts
 * unchanged (same names, sizes and modification times, or jar CRCs) at its current rows; anything
 * else (an edit, a new script, a database moved by another run or by hand, a half-applied revision,
 * validation off) goes through the full read and checks. "Reads no script" is shown by breaking a
 * script's header without changing its size or modification time: the engine only notices once the
 * stamp changes.
 */
abstract class VerifiedStartContract extends DatabaseContract {
    /** Breaks r's header (the id line) with the same byte count and the same modification time. */
    void breakHeaderKeepingStamp(String id) throws IOException {
        Path path = files.path(id);
        FileTime modified = Files.getLastModifiedTime(path);
        String text = Files.readString(path, UTF_8);
        String broken = text.replace("-- Revision ID: " + id, "-- Revision IX: " + id);
        assertThat(broken).hasSameSizeAs(text).isNotEqualTo(text);
        Files.writeString(path, broken, UTF_8);
        Files.setLastModifiedTime(path, modified);
    }

    void touch(String id) throws IOException {
        Path path = files.path(id);
        Files.setLastModifiedTime(
                path, FileTime.fromMillis(Files.getLastModifiedTime(path).toMillis() + 2_000));
    }

    /** Whether the verification record answers a start at the target without reading a script. */
    static boolean recordAnswers(MigrationsConfig config, String target) {
        String fingerprint =
                ScriptLoader.list(config.locations(), config.classLoader()).fingerprint(List.of());
        OnlineRunner.Look look =
                new OnlineRunner(config, Map::of).look(new OnlineRunner.Verification(fingerprint, List::of, target));
        return config.validateChecksums() && look.state() == OnlineRunner.Look.State.VERIFIED;
    }

    List<String> verifiedHeads() throws SQLException {
        return db.strings("SELECT heads FROM alembic_version_verified");
    }

    long historyRows() throws SQLException {
        return db.number("SELECT COUNT(*) FROM alembic_version_history");
    }

    @Test
    void upgradeToHeadRecordsTheVerificationAndTheNextStartReadsNoScript() throws Exception {
        files.linear("r1", "r2", "r3");
        assertThat(engine().upgrade("head").scriptsRun()).isEqualTo(3);
        assertThat(verifiedHeads()).containsExactly("r3");
        assertThat(db.number("SELECT history_id FROM alembic_version_verified"))
                .isEqualTo(db.number("SELECT MAX(id) FROM alembic_version_history"));

        breakHeaderKeepingStamp("r2");

        assertThat(engine().upgrade("head").steps()).isEmpty();
        MigrationStatus status = engine().status("head");
        assertThat(status.upToDate()).isTrue();
        assertThat(status.current()).containsExactly("r3");
        assertThat(status.heads()).containsExactly("r3");
        assertThat(status.pending()).isEmpty();
        assertThat(recordAnswers(engine().config(), "heads")).isTrue();
        // Anything that needs the graph reads the scripts, and finds the broken one.
        assertThatThrownBy(() -> engine().graph().heads()).isInstanceOf(ScriptException.class);
        assertThatThrownBy(() -> engine().status("r3")).isInstanceOf(ScriptException.class);

        touch("r2");
        assertThat(recordAnswers(engine().config(), "head")).isFalse();
        assertThatThrownBy(() -> engine().upgrade("head"))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining(files.path("r2").toString());
    }

    @Test
    void aStartAtTheVerifiedHeadReportsTheUpgradeAfterOneReadWithoutTheLock() throws Exception {
        files.linear("r1", "r2");
        List<MigrationResult> finished = new ArrayList<>();
        List<String> locks = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void runFinished(MigrationResult result) {
                finished.add(result);
            }

            @Override
            public void lockAcquired(String versionTable, Duration waited) {
                locks.add(versionTable);
            }
        };
        // Nothing recorded yet: the record answers nothing, and looking creates nothing.
        assertThat(recordAnswers(engine().config(), "head")).isFalse();
        assertThat(db.number("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) LIKE"
                        + " 'alembic_version%'"))
                .isZero();

        engine().upgrade("head");
        breakHeaderKeepingStamp("r1");

        StartResult start = db.configure(scripts).listener(listener).load().start(StartOptions.of(StartMode.UPGRADE));
        assertThat(start.outcome()).isEqualTo(StartResult.Outcome.AT_TARGET);
        assertThat(start.run()).isNull();
        assertThat(finished).hasSize(1);
        MigrationResult result = finished.get(0);
        assertThat(result.kind()).isEqualTo(RunKind.UPGRADE);
        assertThat(result.steps()).isEmpty();
        assertThat(result.after()).containsExactly("r2");
        assertThat(locks).as("no lock for a start at the verified head").isEmpty();
        assertThatThrownBy(() -> db.configure(scripts)
                        .load()
                        .start(StartOptions.of(StartMode.UPGRADE).withTarget("r2")))
                .as("only head or heads are answered by the record: r2 reads the scripts")
                .isInstanceOf(ScriptException.class);
    }

    @Test
    void anEditedAppliedScriptIsStillRefused() throws Exception {
        files.linear("r1", "r2");
        engine().upgrade("head");

        files.append("r1", "-- edited after it was applied\n");

        assertThatThrownBy(() -> engine().upgrade("head")).isInstanceOf(ChecksumMismatchException.class);
        assertThat(recordAnswers(engine().config(), "head")).isFalse();
        assertThat(engine().status("head").checksumMismatches())
                .extracting(m -> m.revision())
                .containsExactly("r1");
    }

    @Test
    void aNewScriptIsPendingAndItsUpgradeMovesTheRecord() throws Exception {
        files.linear("r1", "r2");
        engine().upgrade("head");

        files.rev("r3").revises("r2").write();

        assertThat(recordAnswers(engine().config(), "head")).isFalse();
        assertThat(engine().status("head").pending()).containsExactly("r3");
        assertThat(engine().upgrade("head").scriptsRun()).isEqualTo(1);
        assertThat(verifiedHeads()).containsExactly("r3");
        assertThat(recordAnswers(engine().config(), "head")).isTrue();
    }

    @Test
    void aDatabaseMovedSinceTheRecordIsReadInFull() throws Exception {
        files.linear("r1", "r2", "r3");
        engine().upgrade("head");

        // A stamp adds a history row: the record no longer holds, even back at the head.
        engine().stamp(List.of("r2"));
        assertThat(recordAnswers(engine().config(), "head")).isFalse();
        assertThat(engine().status("head").pending()).containsExactly("r3");
        engine().stamp(List.of("r3"));
        assertThat(recordAnswers(engine().config(), "head")).isFalse();

        // Moved by hand (or by Alembic itself), without a history row: the rows are not the heads.
        engine().upgrade("head"); // records again (nothing to do)
        assertThat(recordAnswers(engine().config(), "head")).isTrue();
        db.execute("UPDATE alembic_version SET version_num = 'r2'", "DROP TABLE t_r3");
        assertThat(recordAnswers(engine().config(), "head")).isFalse();
        assertThat(engine().upgrade("head").steps()).hasSize(1);
    }

    @Test
    void aStartThatFindsNothingToDoRecordsTheVerification() throws Exception {
        files.linear("r1", "r2");
        engine().upgrade("head");
        db.execute("DROP TABLE alembic_version_verified");
        long history = historyRows();

        assertThat(engine().upgrade("head").steps()).isEmpty();

        assertThat(verifiedHeads()).containsExactly("r2");
        assertThat(historyRows()).as("a start adds no history row").isEqualTo(history);
        breakHeaderKeepingStamp("r1");
        assertThat(engine().upgrade("head").steps()).isEmpty();
    }

    @Test
    void aDatabaseStampedByAlembicIsVerifiedOnItsFirstStart() throws Exception {
        files.linear("r1", "r2");
        db.execute(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL,"
                        + " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
                "INSERT INTO alembic_version VALUES ('r2')");

        assertThat(engine().upgrade("head").steps()).isEmpty();

        assertThat(historyRows()).isZero();
        assertThat(verifiedHeads()).containsExactly("r2");
        breakHeaderKeepingStamp("r2");
        assertThat(engine().status("head").upToDate()).isTrue();
    }

    @Test
    void severalHeadsAnswerHeadsButNotHead() throws Exception {
        files.rev("a").write();
        files.rev("b1").revises("a").write();
        files.rev("b2").revises("a").write();
        engine().upgrade("heads");
        assertThat(verifiedHeads()).hasSize(1);
        assertThat(verifiedHeads().get(0).split(",")).containsExactlyInAnyOrder("b1", "b2");

        assertThat(recordAnswers(engine().config(), "heads")).isTrue();
        assertThat(recordAnswers(engine().config(), "head")).isFalse();
        assertThatThrownBy(() -> engine().upgrade("head"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("Multiple head revisions");
    }

    @Test
    void aHalfAppliedRevisionIsNotHiddenByTheRecord() throws Exception {
        files.linear("r1", "r2");
        engine().upgrade("head");
        // What a non-transactional revision stopped half-way leaves (see StatementProgress).
        db.execute(
                "CREATE TABLE alembic_version_partial (revision VARCHAR(32) NOT NULL PRIMARY KEY,"
                        + " direction VARCHAR(16) NOT NULL, statements_done INT NOT NULL,"
                        + " statements_total INT NOT NULL, next_line INT NOT NULL, path VARCHAR(1000) NOT NULL,"
                        + " started_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)",
                "INSERT INTO alembic_version_partial (revision, direction, statements_done, statements_total,"
                        + " next_line, path) VALUES ('r2', 'downgrade', 1, 2, 9, 'r2_rev.sql')");

        assertThat(recordAnswers(engine().config(), "head")).isFalse();
        assertThatThrownBy(() -> engine().upgrade("head"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("stopped half-way");
    }

    @Test
    void withChecksumValidationOffTheRecordIsNeitherWrittenNorUsed() throws Exception {
        files.linear("r1", "r2");
        Migrations unvalidated = db.configure(scripts).validateChecksums(false).load();
        unvalidated.upgrade("head");
        assertThat(db.number("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE LOWER(table_name) = 'alembic_version_verified'"))
                .isZero();

        engine().upgrade("head"); // validated: records
        breakHeaderKeepingStamp("r2");
        assertThatThrownBy(() ->
                        db.configure(scripts).validateChecksums(false).load().upgrade("head"))
                .isInstanceOf(ScriptException.class);
    }

    @Test
    void aQuotedVersionTableInItsOwnSchemaIsVerifiedToo() throws Exception {
        files.linear("r1", "r2");
        db.execute("CREATE SCHEMA \"Ops\"");
        Migrations custom =
                db.configure(scripts).versionTable("Versions").schema("Ops").load();
        custom.upgrade("head");
        assertThat(db.strings("SELECT heads FROM \"Ops\".\"Versions_verified\""))
                .containsExactly("r2");

        breakHeaderKeepingStamp("r1");

        Migrations again =
                db.configure(scripts).versionTable("Versions").schema("Ops").load();
        assertThat(recordAnswers(again.config(), "head")).isTrue();
        assertThat(again.upgrade("head").steps()).isEmpty();
        // The default table in the default schema was never created, so it has no record.
        assertThat(recordAnswers(engine().config(), "head")).isFalse();
    }

    @Test
    void aJarEntryEditedWithTheSameSizeAndTimeIsNoticedByItsCrc() throws Exception {
        files.linear("r1", "r2");
        Path jar = scripts.resolveSibling(scripts.getFileName() + "-scripts.jar");
        writeJar(jar);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            db.configure(scripts)
                    .locations("classpath:db/migrations")
                    .classLoader(loader)
                    .load()
                    .upgrade("head");
        }
        assertThat(verifiedHeads()).containsExactly("r2");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(recordAnswers(
                            db.configure(scripts)
                                    .locations("classpath:db/migrations")
                                    .classLoader(loader)
                                    .load()
                                    .config(),
                            "head"))
                    .isTrue();
        }

        breakHeaderKeepingStamp("r1");
        FileTime jarTime = Files.getLastModifiedTime(jar);
        writeJar(jar);
        Files.setLastModifiedTime(jar, jarTime);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Migrations fromJar = db.configure(scripts)
                    .locations("classpath:db/migrations")
                    .classLoader(loader)
                    .load();
            assertThat(recordAnswers(fromJar.config(), "head")).isFalse();
            assertThatThrownBy(() -> fromJar.upgrade("head"))
                    .isInstanceOf(ScriptException.class)
                    .hasMessageContaining("classpath:db/migrations/r1_rev.sql");
        }
    }

    /** The scripts under db/migrations/ in a jar, every entry with the same fixed time. */
    private void writeJar(Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out);
                Stream<Path> list = Files.list(scripts)) {
            for (String directory : List.of("db/", "db/migrations/")) {
                JarEntry entry = new JarEntry(directory);
                entry.setTime(1_700_000_000_000L);
                jarOut.putNextEntry(entry);
                jarOut.closeEntry();
            }
            for (Path file : list.sorted().toList()) {
                JarEntry entry = new JarEntry("db/migrations/" + file.getFileName());
                entry.setTime(1_700_000_000_000L);
                jarOut.putNextEntry(entry);
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
    }
}
