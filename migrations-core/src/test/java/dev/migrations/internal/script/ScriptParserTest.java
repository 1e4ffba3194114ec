package dev.migrations.internal.script;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.ScriptException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class ScriptParserTest {

    private static final String PATH = "db/migrations/6eef61f13528_add_email.sql";

    private static final String MINIMAL_BODY = "\n-- migrate:upgrade\nSELECT 1;\n";

    private static RevisionScript parse(String text) {
        return ScriptParser.parse(PATH, text.getBytes(UTF_8));
    }

    /** A script with the given header lines (without "-- ") and a one-statement upgrade. */
    private static String withHeader(String... headerLines) {
        return List.of(headerLines).stream().map(l -> ("-- " + l).strip()).collect(Collectors.joining("\n"))
                + "\n"
                + MINIMAL_BODY;
    }

    private static void assertError(String text, int line, String... words) {
        String where = line > 0 ? PATH + ":" + line + ": " : PATH + ": ";
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith(where)
                .hasMessageContainingAll(words)
                .asInstanceOf(InstanceOfAssertFactories.type(ScriptException.class))
                .satisfies(e -> assertThat(e.line()).isEqualTo(line))
                .satisfies(e -> assertThat(e.path()).isEqualTo(PATH));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ScriptParserTest.class.getResourceAsStream("/script/golden/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    private static String render(RevisionScript script) {
        StringBuilder out = new StringBuilder()
                .append("revision: ")
                .append(script.revision())
                .append('\n')
                .append("downRevisions: ")
                .append(script.downRevisions())
                .append('\n')
                .append("dependsOn: ")
                .append(script.dependsOn())
                .append('\n')
                .append("branchLabels: ")
                .append(script.branchLabels())
                .append('\n')
                .append("message: ")
                .append(script.message())
                .append('\n')
                .append("createDate: ")
                .append(script.createDate())
                .append('\n')
                .append("transactional: ")
                .append(script.transactional())
                .append('\n')
                .append("hasDowngrade: ")
                .append(script.hasDowngrade())
                .append('\n')
                .append("path: ")
                .append(script.path())
                .append('\n')
                .append("upgrade:\n");
        script.upgrade().forEach(s -> out.append('@')
                .append(s.line())
                .append(' ')
                .append(s.sql())
                .append('\n'));
        out.append("downgrade:\n");
        script.downgrade().forEach(s -> out.append('@')
                .append(s.line())
                .append(' ')
                .append(s.sql())
                .append('\n'));
        return out.toString();
    }

    @Test
    void fullScriptMatchesGoldenFile() throws IOException {
        String name = "6eef61f13528_add_email_verification";
        RevisionScript script = ScriptParser.parse(
                "db/migrations/" + name + ".sql", resource(name + ".sql").getBytes(UTF_8));
        assertThat(render(script)).isEqualTo(resource(name + ".expected"));
    }

    @Test
    void checksumIsSha256OfTheRawBytesIncludingBom() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "-- m\n-- Revision ID: a1\n-- migrate:upgrade\nSELECT 1;\n".getBytes(UTF_8);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(body, 0, content, bom.length, body.length);

        RevisionScript script = ScriptParser.parse(PATH, content);

        assertThat(script.checksum()).isEqualTo("eececa2f364efe095ee1a7101fa44319152fca3927105d6a71ed4f8740d671e0");
        assertThat(script.message()).isEqualTo("m");
        assertThat(script.revision()).isEqualTo("a1");
        assertThat(script.upgrade()).containsExactly(new Statement("SELECT 1", 4));
    }

    @Test
    void invalidUtf8NamesTheLineOfTheFirstBadByte() {
        byte[] good = "-- m\n-- Revision ID: a1\n-- migrate:upgrade\nSELECT '".getBytes(UTF_8);
        byte[] content = new byte[good.length + 3];
        System.arraycopy(good, 0, content, 0, good.length);
        content[good.length] = (byte) 0xE9; // Latin-1 'é'
        content[good.length + 1] = '\'';
        content[good.length + 2] = ';';

        assertThatThrownBy(() -> ScriptParser.parse(PATH, content))
                .isInstanceOf(ScriptException.class)
                .hasMessage(
                        PATH + ":4: the file is not valid UTF-8 (first bad byte at line 4); save the file as UTF-8");
    }

    @Test
    void crlfLineEndingsGiveTheSameResult() {
        String text = """
                -- Add table
                --
                -- Revision ID: a1

                -- migrate:upgrade
                CREATE TABLE t (id int);
                -- migrate:downgrade
                DROP TABLE t;
                """.replace("\n", "\r\n");
        assertThat(text).contains("\r\n-- migrate:upgrade\r\n");
        RevisionScript script = parse(text);
        assertThat(script.message()).isEqualTo("Add table");
        assertThat(script.upgrade()).containsExactly(new Statement("CREATE TABLE t (id int)", 6));
        assertThat(script.downgrade()).containsExactly(new Statement("DROP TABLE t", 8));
    }

    @Test
    void defaultsApplyWhenOptionalFieldsAreAbsent() {
        RevisionScript script = parse("\n\n-- First revision\n-- Revision ID: a1\n" + MINIMAL_BODY);
        assertThat(script.revision()).isEqualTo("a1");
        assertThat(script.message()).isEqualTo("First revision");
        assertThat(script.downRevisions()).isEmpty();
        assertThat(script.dependsOn()).isEmpty();
        assertThat(script.branchLabels()).isEmpty();
        assertThat(script.createDate()).isNull();
        assertThat(script.transactional()).isTrue();
        assertThat(script.hasDowngrade()).isFalse();
        assertThat(script.downgrade()).isEmpty();
        assertThat(script.path()).isEqualTo(PATH);
        assertThat(script.upgrade()).containsExactly(new Statement("SELECT 1", 7));
    }

    @Test
    void emptyFirstLineMeansEmptyMessage() {
        assertThat(parse(withHeader("", "Revision ID: a1")).message()).isEmpty();
    }

    @Test
    void headerStartingWithAFieldHasAnEmptyMessage() {
        RevisionScript script = parse(withHeader("Revision ID: a1", "Revises: b2"));
        assertThat(script.message()).isEmpty();
        assertThat(script.downRevisions()).containsExactly("b2");
    }

    @Test
    void descriptionLinesBeforeTheFieldsAreIgnored() {
        RevisionScript script = parse(withHeader(
                "Message", "", "More words here.", "Note: prose with a colon is fine", "", "Revision ID: a1"));
        assertThat(script.message()).isEqualTo("Message");
        assertThat(script.revision()).isEqualTo("a1");
    }

    @Test
    void keysAreCaseInsensitiveAndWhitespaceTolerant() {
        RevisionScript script = parse(withHeader(
                "m",
                "revision id: a1",
                "REVISES :  b2 ",
                "DependsOn:c3",
                "branch   labels: auth",
                "CREATE date: 2026-01-01 10:00:00",
                "transactional: FALSE"));
        assertThat(script.revision()).isEqualTo("a1");
        assertThat(script.downRevisions()).containsExactly("b2");
        assertThat(script.dependsOn()).containsExactly("c3");
        assertThat(script.branchLabels()).containsExactly("auth");
        assertThat(script.createDate()).isEqualTo("2026-01-01 10:00:00");
        assertThat(script.transactional()).isFalse();
    }

    @Test
    void revisesNoneOrEmptyMeansBase() {
        assertThat(parse(withHeader("m", "Revision ID: a1", "Revises: None")).downRevisions())
                .isEmpty();
        assertThat(parse(withHeader("m", "Revision ID: a1", "Revises: none")).downRevisions())
                .isEmpty();
        assertThat(parse(withHeader("m", "Revision ID: a1", "Revises:")).downRevisions())
                .isEmpty();
    }

    @Test
    void commaSeparatedRevisesIsAMergePoint() {
        RevisionScript script = parse(withHeader("m", "Revision ID: a1", "Revises: b2 , c3,,", "Depends On: d4, e5"));
        assertThat(script.downRevisions()).containsExactly("b2", "c3");
        assertThat(script.dependsOn()).containsExactly("d4", "e5");
    }

    @Test
    void selfReferenceIsLeftToTheGraph() {
        assertThat(parse(withHeader("m", "Revision ID: a1", "Revises: a1")).downRevisions())
                .containsExactly("a1");
    }

    @Test
    void missingRevisionIdIsAnError() {
        assertError(
                withHeader("Add things", "Revises: b2"),
                1,
                "missing 'Revision ID' header",
                "-- Revision ID: 6eef61f13528");
    }

    @Test
    void fileWithoutHeaderIsMissingItsRevisionId() {
        assertError("-- migrate:upgrade\nSELECT 1;\n", 1, "missing 'Revision ID' header");
        assertError("SELECT 1;\n", 1, "missing 'Revision ID' header");
    }

    @Test
    void emptyRevisionIdIsAnError() {
        assertError(withHeader("m", "Revision ID:"), 2, "'Revision ID' has no value");
    }

    @Test
    void unknownKeyAmongFieldsIsAnError() {
        assertError(
                withHeader("m", "Revision ID: a1", "Author: me"),
                3,
                "unknown header key 'Author'",
                "Revision ID, Revises, Create Date, Branch Labels, Depends On, Transactional");
    }

    @Test
    void misspeltKeyRightAboveTheFieldsIsAnError() {
        assertError(withHeader("m", "", "Revison: b2", "Revision ID: a1"), 3, "unknown header key 'Revison'");
    }

    @Test
    void misspeltRevisionIdIsReportedAsUnknownKey() {
        assertError(withHeader("m", "", "Revison ID: a1"), 3, "unknown header key 'Revison ID'", "Revision ID");
    }

    @Test
    void freeTextAfterTheFieldsIsAnError() {
        assertError(
                withHeader("m", "Revision ID: a1", "", "this is not a field"),
                4,
                "expected a header field",
                "'this is not a field'");
    }

    @Test
    void duplicateKeyIsAnError() {
        assertError(
                withHeader("m", "Revision ID: a1", "Revises: b2", "revises: c3"),
                4,
                "duplicate header key 'Revises'",
                "line 3");
    }

    @Test
    void illegalCharacterInRevisionIdIsAnError() {
        assertError(
                withHeader("m", "Revision ID: a@b+c"),
                2,
                "Character(s) '+, @' not allowed in revision identifier 'a@b+c'",
                "'@', '-', '+' and ':'");
    }

    @Test
    void illegalCharacterInRevisesNamesTheValue() {
        assertError(
                withHeader("m", "Revision ID: a1", "Revises: b2, b-1"),
                3,
                "Character(s) '-' not allowed in revision identifier 'b-1'",
                "'Revises'");
    }

    @Test
    void illegalCharacterInDependsOnAndBranchLabelsIsAnError() {
        assertError(withHeader("m", "Revision ID: a1", "Depends On: x:y"), 3, "Character(s) ':'", "'x:y'");
        assertError(withHeader("m", "Revision ID: a1", "Branch Labels: my label"), 3, "branch label 'my label'");
    }

    @Test
    void revisionIdLongerThan32CharactersIsAnError() {
        String id = "a".repeat(33);
        assertError(withHeader("m", "Revision ID: " + id), 2, id, "33 characters", "at most 32");
        assertThat(parse(withHeader("m", "Revision ID: " + "b".repeat(32))).revision())
                .hasSize(32);
    }

    @Test
    void duplicateRevisesEntryIsAnError() {
        assertError(withHeader("m", "Revision ID: a1", "Revises: b2, b2"), 3, "'Revises' lists 'b2' more than once");
    }

    @Test
    void transactionalMustBeABoolean() {
        assertError(withHeader("m", "Revision ID: a1", "Transactional: yes"), 3, "'Transactional'", "'yes'");
    }

    @Test
    void sectionMarkersAreCaseInsensitiveAndWhitespaceTolerant() {
        RevisionScript script = parse(
                "-- m\n-- Revision ID: a1\n\n  --   MIGRATE:Upgrade  \nSELECT 1;\n--migrate: downgrade\nSELECT 2;");
        assertThat(script.upgrade()).containsExactly(new Statement("SELECT 1", 5));
        assertThat(script.downgrade()).containsExactly(new Statement("SELECT 2", 7));
    }

    @Test
    void markerRightAfterTheHeaderEndsTheHeader() {
        RevisionScript script = parse("-- m\n-- Revision ID: a1\n-- migrate:upgrade\nSELECT 1;");
        assertThat(script.upgrade()).containsExactly(new Statement("SELECT 1", 4));
    }

    @Test
    void emptyDowngradeSectionMeansDowngradeDoesNothing() {
        RevisionScript script =
                parse(withHeader("m", "Revision ID: a1") + "-- migrate:downgrade\n-- nothing to undo\n");
        assertThat(script.hasDowngrade()).isTrue();
        assertThat(script.downgrade()).isEmpty();
    }

    @Test
    void emptyUpgradeSectionIsAllowedForMergeRevisions() {
        RevisionScript script = parse("-- merge\n-- Revision ID: a1\n-- Revises: b2, c3\n-- migrate:upgrade\n");
        assertThat(script.upgrade()).isEmpty();
        assertThat(script.downRevisions()).containsExactly("b2", "c3");
    }

    @Test
    void unknownSectionMarkerIsAnError() {
        assertError(
                withHeader("m", "Revision ID: a1") + "-- migrate:rollback\nSELECT 2;\n",
                6,
                "unknown section marker '-- migrate:rollback'",
                "'-- migrate:upgrade'",
                "'-- migrate:downgrade'");
    }

    @Test
    void missingUpgradeSectionIsAnError() {
        assertError("-- m\n-- Revision ID: a1\n\n-- just comments\n", 0, "missing '-- migrate:upgrade' section");
    }

    @Test
    void duplicateSectionIsAnError() {
        assertError(
                withHeader("m", "Revision ID: a1") + "-- migrate:upgrade\nSELECT 2;\n",
                6,
                "duplicate '-- migrate:upgrade' section",
                "line 4");
        assertError(
                withHeader("m", "Revision ID: a1") + "-- migrate:downgrade\n-- migrate:downgrade\n",
                7,
                "duplicate '-- migrate:downgrade' section",
                "line 6");
    }

    @Test
    void downgradeBeforeUpgradeIsAnError() {
        assertError(
                "-- m\n-- Revision ID: a1\n\n-- migrate:downgrade\nSELECT 2;\n-- migrate:upgrade\nSELECT 1;\n",
                4,
                "'-- migrate:downgrade' comes before '-- migrate:upgrade' (line 6)",
                "upgrade section first");
    }

    @Test
    void sqlBeforeTheFirstSectionIsAnError() {
        assertError(
                "-- m\n-- Revision ID: a1\n\n-- a comment is fine\n/* so is this; */\nCREATE TABLE t (id int);\n"
                        + MINIMAL_BODY,
                6,
                "SQL before the first section marker",
                "'-- migrate:upgrade'");
    }

    @Test
    void unterminatedStringInASectionNamesTheFileLine() {
        assertError(
                withHeader("m", "Revision ID: a1") + "-- migrate:downgrade\nSELECT 1;\nSELECT 'oops;\n",
                8,
                "unterminated single-quoted string");
    }

    @Test
    void markerInsideTheHeaderBlockIsNotPartOfTheHeader() {
        assertError("-- m\n-- migrate:upgrade\n-- Revision ID: a1\nSELECT 1;\n", 1, "missing 'Revision ID'");
    }
}
