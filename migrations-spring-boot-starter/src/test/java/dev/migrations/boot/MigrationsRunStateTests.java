package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationFailedException;
import dev.migrations.Migrations;
import dev.migrations.boot.MigrationsRunState.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run state hears runs, keeps what it read, and the refresher keeps it current. */
class MigrationsRunStateTests {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path scripts;

    private final H2Database db = new H2Database();
    private final MigrationsRunState state =
            new MigrationsRunState("dataSource", "head", Clock.fixed(NOW, ZoneOffset.UTC));

    private Migrations engine() {
        return db.engine(TestScripts.location(scripts)).listener(state).load();
    }

    @Test
    void aSuccessfulRunIsTheLastRunAndCounts() {
        TestScripts.revision(scripts, "a1", "", "CREATE TABLE t (id int);", "DROP TABLE t;");
        TestScripts.revision(scripts, "b2", "a1", "ALTER TABLE t ADD COLUMN n int;", "ALTER TABLE t DROP COLUMN n;");
        Migrations engine = engine();
        assertThat(MigrationsRunState.of(engine)).isSameAs(state);

        engine.upgrade("head");
        engine.downgrade("a1");

        MigrationsRunState.LastRun last = state.lastRun();
        assertThat(last).isNotNull();
        assertThat(last.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(last.command()).isEqualTo("downgrade");
        assertThat(last.target()).isEqualTo("a1");
        assertThat(last.applied()).containsExactly("b2");
        assertThat(last.finishedAt()).isEqualTo(NOW);
        assertThat(last.error()).isNull();
        assertThat(state.applied("upgrade")).isEqualTo(2);
        assertThat(state.applied("downgrade")).isEqualTo(1);
        assertThat(state.runCount("upgrade", Outcome.SUCCESS)).isEqualTo(1);
        assertThat(state.runCount("downgrade", Outcome.SUCCESS)).isEqualTo(1);
        assertThat(state.runCount("upgrade", Outcome.FAILURE)).isZero();
        assertThat(state.runNanos("upgrade", Outcome.SUCCESS)).isPositive();
        assertThat(state.lockWaitCount()).isEqualTo(2);
    }

    @Test
    void aFailedRunKeepsWhatItAppliedAndTheError() {
        TestScripts.revision(scripts, "a1", "", "CREATE TABLE t (id int);", "DROP TABLE t;");
        TestScripts.revision(scripts, "b2", "a1", "SELECT * FROM no_such_table;", "");
        Migrations engine = engine();
        AtomicInteger runsEnded = new AtomicInteger();
        state.onRunEnded(runsEnded::incrementAndGet);
        state.onRunEnded(() -> {
            throw new IllegalStateException("a broken observer does not break the run's report");
        });

        assertThatThrownBy(() -> engine.upgrade("head")).isInstanceOf(MigrationFailedException.class);

        MigrationsRunState.LastRun last = state.lastRun();
        assertThat(last.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(last.applied()).containsExactly("a1");
        assertThat(last.error()).contains("b2", "NO_SUCH_TABLE");
        assertThat(state.runCount("upgrade", Outcome.FAILURE)).isEqualTo(1);
        assertThat(state.applied("upgrade")).isEqualTo(1);
        assertThat(runsEnded).hasValue(1);
    }

    @Test
    void refreshReadsPendingRevisionsAndKeepsFailuresApart() throws Exception {
        TestScripts.revision(scripts, "a1", "", "CREATE TABLE t (id int);", "DROP TABLE t;");
        TestScripts.revision(scripts, "b2", "a1", "ALTER TABLE t ADD COLUMN n int;", "");
        Migrations engine = engine();
        engine.upgrade("a1");
        AtomicInteger changes = new AtomicInteger();
        state.onChange(changes::incrementAndGet);

        MigrationsRunState.DatabaseStatus status = state.refresh(engine);

        assertThat(status).isSameAs(state.status());
        assertThat(status.current()).containsExactly("a1");
        assertThat(status.pending()).containsExactly("b2");
        assertThat(status.upToDate()).isFalse();
        assertThat(status.checkedAt()).isEqualTo(NOW);
        assertThat(changes).hasValue(1);

        // A row the scripts lack: no plan, but the rows and the unknown ids.
        db.execute("UPDATE alembic_version SET version_num = 'zz9'");
        status = state.refresh(engine);
        assertThat(status.unknownRevisions()).containsExactly("zz9");
        assertThat(status.pendingKnown()).isFalse();

        // A failed read keeps the last status and says why.
        db.execute("DROP ALL OBJECTS");
        MigrationsRunState broken = new MigrationsRunState("dataSource", "nosuchrevision");
        Migrations other =
                db.engine(TestScripts.location(scripts)).listener(broken).load();
        assertThat(broken.refresh(other)).isNull();
        assertThat(broken.refreshError()).isNotNull();
        assertThat(broken.refreshError().message()).contains("nosuchrevision");
        assertThat(broken.status()).isNull();
    }

    @Test
    void theRefresherReadsOnStartOnScheduleAndAfterRunsAndStops() throws Exception {
        TestScripts.revision(scripts, "a1", "", "CREATE TABLE t (id int);", "DROP TABLE t;");
        TestScripts.revision(scripts, "b2", "a1", "ALTER TABLE t ADD COLUMN n int;", "");
        Migrations engine = engine();
        MigrationsStateRefresher refresher = new MigrationsStateRefresher(() -> List.of(engine), Duration.ofHours(1));

        refresher.start();
        try {
            assertThat(refresher.isRunning()).isTrue();
            assertThat(refresher.states()).containsExactly(state);
            // Read synchronously on start.
            assertThat(state.status().pending()).containsExactly("a1", "b2");

            // A run triggers a read right away, long before the hourly one.
            engine.upgrade("head");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!state.status().pending().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(state.status().pending()).isEmpty();
            assertThat(Thread.getAllStackTraces().keySet())
                    .filteredOn(t -> t.getName().equals("migrations-state-refresher"))
                    .allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        } finally {
            refresher.stop();
        }
        assertThat(refresher.isRunning()).isFalse();
        assertThatThrownBy(() -> new MigrationsStateRefresher(List::of, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
