package dev.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationListenerTest {
    @TempDir
    Path dir;

    private final List<String> events = new ArrayList<>();

    private final MigrationListener recorder = new MigrationListener() {
        @Override
        public void lockAcquired(String versionTable, Duration waited) {
            events.add("lock " + versionTable);
        }

        @Override
        public void stepApplied(AppliedStep step) {
            events.add("step " + step.describe());
        }

        @Override
        public void runFinished(MigrationResult result) {
            events.add("finished " + result.kind().label() + " " + result.after());
        }

        @Override
        public void runFailed(RunKind kind, String target, MigrationsException error, Duration duration) {
            events.add("failed " + kind.label() + " " + target + " "
                    + error.getClass().getSimpleName());
        }
    };

    private void script(String id, String revises, String up) throws IOException {
        Files.writeString(
                dir.resolve(id + "_x.sql"),
                "-- rev " + id + "\n-- Revision ID: " + id + "\n-- Revises: " + revises + "\n\n-- migrate:upgrade\n"
                        + up + "\n\n-- migrate:downgrade\nSELECT 1;\n");
    }

    private Migrations engine() {
        String url = "jdbc:h2:mem:listener_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        return Migrations.configure()
                .locations(dir.toString())
                .url(url, "sa", "")
                .listener(recorder)
                .load();
    }

    @Test
    void listenersHearTheLockEachCommittedStepAndTheOutcome() throws IOException {
        script("aaaa", "", "CREATE TABLE a (id INT);");
        script("bbbb", "aaaa", "CREATE TABLE b (id INT);");
        engine().upgrade("head");
        assertThat(events)
                .containsExactly(
                        "lock alembic_version",
                        "step upgrade  -> aaaa, rev aaaa",
                        "step upgrade aaaa -> bbbb, rev bbbb",
                        "finished upgrade [bbbb]");
    }

    @Test
    void listenersHearAFailedRun() throws IOException {
        script("aaaa", "", "CREATE TABLE a (id INT);");
        script("bbbb", "aaaa", "CREATE TABLE a (id INT);");
        assertThatThrownBy(() -> engine().upgrade("head")).isInstanceOf(MigrationFailedException.class);
        assertThat(events)
                .contains("step upgrade  -> aaaa, rev aaaa")
                .endsWith("failed upgrade head MigrationFailedException");
    }

    @Test
    void aRunWithNothingToDoTakesNoLockAndWritesNothing() throws IOException {
        script("aaaa", "", "CREATE TABLE a (id INT);");
        Migrations m = engine();
        m.upgrade("head");
        int history = m.appliedHistory().size();
        events.clear();

        MigrationResult result = m.upgrade("head");

        assertThat(result.steps()).isEmpty();
        assertThat(result.after()).containsExactly("aaaa");
        assertThat(events).containsExactly("finished upgrade [aaaa]");
        assertThat(m.appliedHistory()).hasSize(history);
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheRun() throws IOException {
        script("aaaa", "", "CREATE TABLE a (id INT);");
        String url = "jdbc:h2:mem:listener_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        Migrations m = Migrations.configure()
                .locations(dir.toString())
                .url(url, "sa", "")
                .listener(new MigrationListener() {
                    @Override
                    public void stepApplied(AppliedStep step) {
                        throw new IllegalStateException("boom");
                    }
                })
                .listener(recorder)
                .load();
        assertThat(m.upgrade("head").after()).containsExactly("aaaa");
        assertThat(events).contains("step upgrade  -> aaaa, rev aaaa");
    }
}
