package dev.migrations.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.Migrations;
import dev.migrations.NewRevision;
import dev.migrations.RevisionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevisionWriterTest {
    @TempDir
    Path dir;

    private Migrations load() {
        return Migrations.configure().locations(dir.toString()).load();
    }

    @Test
    void slugJoinsWordsLowercasedAndCutsAtTheLastUnderscoreWithinForty() {
        assertThat(RevisionWriter.slug("Add user e-mail verification!")).isEqualTo("add_user_e_mail_verification");
        assertThat(RevisionWriter.slug("a".repeat(45))).isEqualTo("a".repeat(40) + "_");
        assertThat(RevisionWriter.slug("create the accounts table and the orders table too"))
                .isEqualTo("create_the_accounts_table_and_the_");
        assertThat(RevisionWriter.slug(null)).isEmpty();
    }

    @Test
    void randomIdsAreTwelveLowercaseHexDigits() {
        assertThat(RevisionWriter.randomId()).matches("[0-9a-f]{12}");
    }

    @Test
    void firstRevisionIsABaseAndTheNextRevisesIt() throws IOException {
        Path first = load().revision(new NewRevision("create users", null, false, null, null, "aaaa1111", null));
        assertThat(first.getFileName().toString()).isEqualTo("aaaa1111_create_users.sql");
        String text = Files.readString(first);
        assertThat(text).startsWith("-- create users\n--\n-- Revision ID: aaaa1111\n-- Revises: \n-- Create Date: ");
        assertThat(text).contains("\n-- migrate:upgrade\n").contains("\n-- migrate:downgrade\n");

        Path second = load().revision(NewRevision.withMessage("add email"));
        assertThat(Files.readString(second)).contains("-- Revises: aaaa1111\n");
        Migrations m = load();
        assertThat(m.graph().heads()).extracting(RevisionInfo::downRevisions).containsExactly(List.of("aaaa1111"));
    }

    @Test
    void branchFromANonHeadNeedsSplice() {
        load().revision(new NewRevision("one", null, false, null, null, "aaaa1111", null));
        load().revision(new NewRevision("two", null, false, null, null, "bbbb2222", null));
        assertThatThrownBy(() -> load().revision(new NewRevision("x", List.of("aaaa"), false, null, null, null, null)))
                .hasMessage("Revision aaaa1111 is not a head revision; please specify --splice to create a new branch"
                        + " from this revision");
        Path spliced =
                load().revision(new NewRevision("x", List.of("aaaa"), true, List.of("side"), null, "cccc3333", null));
        assertThat(spliced).exists();
        assertThatThrownBy(() -> load().revision(NewRevision.withMessage("y")))
                .hasMessageStartingWith("Multiple heads are present; please specify the head revision");
        Path merge = load().merge(List.of("heads"), "merge", null, "dddd4444");
        assertThat(load().graph().heads()).extracting(RevisionInfo::id).containsExactly("dddd4444");
        assertThat(merge.getFileName().toString()).isEqualTo("dddd4444_merge.sql");
    }

    @Test
    void dependsOnResolvesPrefixesAndKeepsLabels() throws IOException {
        load().revision(new NewRevision("x", List.of("base"), false, List.of("xlabel"), null, "xxxx1111", null));
        load().revision(new NewRevision("y", List.of("base"), false, null, null, "yyyy1111", null));
        Path path = load().revision(new NewRevision(
                "z", List.of("yyyy"), false, null, List.of("xxxx", "xlabel"), "zzzz1111", null));
        assertThat(Files.readString(path)).contains("-- Depends On: xxxx1111, xlabel\n");
    }

    @Test
    void aRevisionThatWouldBreakTheGraphIsNotWritten() throws IOException {
        load().revision(new NewRevision("x", null, false, List.of("dup"), null, "aaaa1111", null));
        assertThatThrownBy(() -> load().revision(new NewRevision("y", null, false, List.of("dup"), null, null, null)))
                .hasMessageContaining("Branch name 'dup'");
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void initRefusesADirectoryWithFiles() throws IOException {
        assertThat(Migrations.init(dir.resolve("db/migrations"))).isDirectory();
        Files.writeString(dir.resolve("db/migrations/a.sql"), "x");
        assertThatThrownBy(() -> Migrations.init(dir.resolve("db/migrations")))
                .hasMessageEndingWith("already exists and is not empty");
    }
}
