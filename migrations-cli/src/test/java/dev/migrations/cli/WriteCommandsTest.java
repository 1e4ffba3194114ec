package dev.migrations.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init}, {@code revision} and {@code merge}: what they print and the files they leave. */
class WriteCommandsTest {
    @TempDir
    Path dir;

    private CliRun run(String... args) {
        return CliRun.of(Map.of(), args);
    }

    private CliRun inLocation(Path location, String... args) {
        List<String> all = new ArrayList<>(List.of("--location", location.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    @Test
    void initCreatesTheDirectoryAndSaysSo() {
        Path target = dir.resolve("db/migrations");

        CliRun run = run("init", target.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("Creating directory '" + target.toAbsolutePath() + "' ...  done\n");
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void initRefusesADirectoryWithFiles() throws IOException {
        Files.writeString(dir.resolve("x.sql"), "-- x\n");

        CliRun run = run("init", dir.toString());

        assertThat(run.exit()).isEqualTo(255);
        assertThat(run.out()).isEqualTo("FAILED: Directory " + dir + " already exists and is not empty\n");
    }

    @Test
    void revisionWritesAScriptOnTheHeadAndPrintsItsPath() throws IOException {
        CliRun first = inLocation(dir, "revision", "-m", "create users", "--rev-id", "a1");
        CliRun second = inLocation(dir, "revision", "-m", "add email", "--rev-id", "b1");

        Path file = dir.resolve("b1_add_email.sql").toAbsolutePath();
        assertThat(first.exit()).isZero();
        assertThat(second.out()).isEqualTo("Generating " + file + " ...  done\n");
        assertThat(Files.readString(file))
                .startsWith("-- add email\n--\n-- Revision ID: b1\n-- Revises: a1\n")
                .contains("-- migrate:upgrade");
        assertThat(inLocation(dir, "heads").out()).isEqualTo("b1 (head)\n");
    }

    @Test
    void revisionOnANonHeadNeedsSplice() {
        inLocation(dir, "revision", "-m", "one", "--rev-id", "a1");
        inLocation(dir, "revision", "-m", "two", "--rev-id", "b1");

        CliRun refused = inLocation(dir, "revision", "-m", "side", "--head", "a1", "--rev-id", "c1");
        CliRun spliced = inLocation(
                dir, "revision", "-m", "side", "--head", "a1", "--splice", "--rev-id", "c1", "--branch-label", "side");

        assertThat(refused.out())
                .isEqualTo("FAILED: Revision a1 is not a head revision; please specify --splice to create a new branch"
                        + " from this revision\n");
        assertThat(spliced.exit()).isZero();
        assertThat(inLocation(dir, "branches").out())
                .isEqualTo("a1 (branchpoint)\n   -> b1 (head)\n   -> c1 (side) (head)\n\n");
    }

    /**
     * Alembic 1.8.1's argparse keeps the last {@code --head}: {@code --head a1 --head b1} writes on
     * b1, {@code --head b1 --head a1} refuses a1 as a non-head (both outputs as Alembic printed them).
     */
    @Test
    void revisionTakesTheLastOfSeveralHeads() throws IOException {
        inLocation(dir, "revision", "-m", "one", "--rev-id", "a1");
        inLocation(dir, "revision", "-m", "two", "--rev-id", "b1");

        CliRun onB1 = inLocation(dir, "revision", "-m", "x", "--head", "a1", "--head", "b1", "--rev-id", "c1");
        CliRun onA1 = inLocation(dir, "revision", "-m", "x", "--head", "c1", "--head", "a1", "--rev-id", "d1");

        assertThat(onB1.exit()).isZero();
        assertThat(onB1.out()).isEqualTo("Generating " + dir.resolve("c1_x.sql").toAbsolutePath() + " ...  done\n");
        assertThat(Files.readString(dir.resolve("c1_x.sql"))).contains("-- Revises: b1\n");
        assertThat(onA1.exit()).isEqualTo(255);
        assertThat(onA1.out())
                .isEqualTo("FAILED: Revision a1 is not a head revision; please specify --splice to create a new branch"
                        + " from this revision\n");
    }

    /** Alembic's argparse keeps the last {@code -m} and {@code --rev-id}, too. */
    @Test
    void revisionTakesTheLastOfARepeatedMessageAndId() throws IOException {
        CliRun run = inLocation(dir, "revision", "-m", "first", "--rev-id", "a0", "-m", "second", "--rev-id", "a1");

        assertThat(run.exit()).isZero();
        assertThat(run.out())
                .isEqualTo("Generating " + dir.resolve("a1_second.sql").toAbsolutePath() + " ...  done\n");
        assertThat(Files.readString(dir.resolve("a1_second.sql"))).startsWith("-- second\n--\n-- Revision ID: a1\n");
        assertThat(dir.resolve("a0_first.sql")).doesNotExist();
    }

    @Test
    void mergeJoinsTheHeads() {
        inLocation(dir, "revision", "-m", "one", "--rev-id", "a1");
        inLocation(dir, "revision", "-m", "two", "--rev-id", "b1");
        inLocation(dir, "revision", "-m", "three", "--head", "a1", "--splice", "--rev-id", "c1");

        CliRun merge = inLocation(dir, "merge", "heads", "-m", "merge it", "--rev-id", "m1");

        assertThat(merge.out())
                .isEqualTo("Generating " + dir.resolve("m1_merge_it.sql").toAbsolutePath() + " ...  done\n");
        assertThat(inLocation(dir, "heads").out()).isEqualTo("m1 (head)\n");
        assertThat(inLocation(dir, "history", "-r", "b1:").out())
                .isEqualTo("b1, c1 -> m1 (head) (mergepoint), merge it\na1 -> b1, two\n");
    }
}
