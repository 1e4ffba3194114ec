package dev.migrations.internal.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationsException;
import dev.migrations.adopt.Adoption;
import dev.migrations.adopt.FlywayProject;
import dev.migrations.adopt.ImportResult;
import dev.migrations.adopt.LiquibaseChangelog;
import dev.migrations.adopt.Placeholder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The other tools' rules, without a database: versions, checksums, transactions, changelog formats. */
class AdoptionInputsTest {
    @TempDir
    Path dir;

    private static FlywayVersion v(String version) {
        return Objects.requireNonNull(FlywayVersion.parse(version));
    }

    @Test
    void flywayVersionsCompareAsFlywayComparesThem() {
        List<String> sorted = List.of("1", "1.1", "1_2", "1.10", "2", "2.0.1", "10");
        for (int i = 0; i + 1 < sorted.size(); i++) {
            assertThat(v(sorted.get(i))).isLessThan(v(sorted.get(i + 1)));
        }
        assertThat(v("1.2").compareTo(v("1_2_0"))).isZero();
        assertThat(v("1_2").text()).isEqualTo("1.2");
        assertThat(v("1.2.0").key()).isEqualTo("1.2");
        assertThat(FlywayVersion.parse("1a")).isNull();
        assertThat(FlywayImporter.revisionId(v("2024.01.31.1"))).isEqualTo("v2024_01_31_1");
        assertThat(FlywayImporter.revisionId(v("1".repeat(40)))).hasSize(32);
    }

    @Test
    void flywayChecksumIgnoresLineEndingsAndAByteOrderMark() {
        CRC32 crc = new CRC32();
        crc.update("ab".getBytes(StandardCharsets.UTF_8));
        crc.update("c".getBytes(StandardCharsets.UTF_8));
        int expected = (int) crc.getValue();
        assertThat(Checksums.flyway("ab\nc\n")).isEqualTo(expected);
        assertThat(Checksums.flyway("\ufeffab\r\nc")).isEqualTo(expected);
        assertThat(Checksums.flyway("ab\n\nc")).isEqualTo(expected);
    }

    @Test
    void liquibaseChecksumIgnoresWhitespaceButNotTheChanges() {
        String one = Checksums.liquibase(List.of("CREATE TABLE t (id int);"));
        assertThat(one).startsWith("9:").hasSize(34);
        assertThat(Checksums.liquibase(List.of("CREATE  TABLE t\n\t(id int);\r\n")))
                .isEqualTo(one);
        assertThat(Checksums.liquibase(List.of("CREATE TABLE t", "(id int);"))).isNotEqualTo(one);
    }

    @Test
    void nonTransactionalStatementsAreFoundOutsideQuotesAndComments() {
        assertThat(NonTransactional.firstIn("create unique index concurrently i on t (a);"))
                .startsWith("CREATE UNIQUE INDEX CONCURRENTLY");
        assertThat(NonTransactional.firstIn("SELECT 1;\n-- VACUUM t;\nVACUUM t;"))
                .isEqualTo("VACUUM T");
        assertThat(NonTransactional.firstIn(
                        "SELECT 'VACUUM';\n/* CREATE INDEX CONCURRENTLY */ SELECT $$;" + " VACUUM $$;"))
                .isNull();
        assertThat(NonTransactional.firstIn("CREATE INDEX i ON t (a);")).isNull();
    }

    @Test
    void formattedSqlChangelogsSplitAtChangesetsWithTheirRollbacksAndAttributes() {
        String text = """
                --liquibase formatted sql
                --property name:tbl value:people
                --changeset ann:1 runInTransaction:false context:prod
                --comment: Create people
                CREATE INDEX CONCURRENTLY i ON ${tbl} (a);
                --rollback DROP INDEX i;
                --changeset "bob smith":"two words"
                /* liquibase rollback
                DELETE FROM people;
                */
                INSERT INTO people VALUES (1);
                """;
        List<LiquibaseChangeSet> sets = FormattedSqlChangelog.read("changelog.sql", text, new Placeholders(List.of()));
        assertThat(sets).hasSize(2);
        LiquibaseChangeSet first = sets.get(0);
        assertThat(first.id()).isEqualTo("1");
        assertThat(first.author()).isEqualTo("ann");
        assertThat(first.runInTransaction()).isFalse();
        assertThat(first.comment()).isEqualTo("Create people");
        assertThat(first.sql()).isEqualTo("CREATE INDEX CONCURRENTLY i ON people (a);");
        assertThat(first.rollback()).isEqualTo("DROP INDEX i;");
        assertThat(first.notes()).containsExactly("context:prod");
        assertThat(sets.get(1).id()).isEqualTo("two words");
        assertThat(sets.get(1).author()).isEqualTo("bob smith");
        assertThat(sets.get(1).rollback()).isEqualTo("DELETE FROM people;");
    }

    @Test
    void aFlywayImportWritesAChainAndReportsWhatItLeftOut() throws Exception {
        Path flyway = Files.createDirectories(dir.resolve("flyway"));
        Files.writeString(flyway.resolve("V1__Create_t.sql"), "CREATE TABLE ${t} (id int);\n");
        Files.writeString(flyway.resolve("V1_1__Fill.sql"), "INSERT INTO t VALUES (${v});\n");
        Files.writeString(flyway.resolve("R__View.sql"), "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
        ImportResult result = Adoption.importFlyway(
                new FlywayProject(List.of(flyway), List.of(Placeholder.parse("t=things")), null), dir.resolve("out"));
        assertThat(result.written())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("v1_create_t.sql", "v1_1_fill.sql");
        String second = Files.readString(result.written().get(1));
        assertThat(second).contains("-- Fill\n", "-- Revision ID: v1_1\n", "-- Revises: v1\n", "${v}");
        assertThat(Files.readString(result.written().get(0))).contains("CREATE TABLE things (id int);");
        assertThat(result.notes())
                .anySatisfy(n -> assertThat(n).contains("R__View.sql: a repeatable migration"))
                .anySatisfy(n -> assertThat(n).contains("${v}").contains("--placeholder v=VALUE"));

        assertThatThrownBy(() ->
                        Adoption.importFlyway(new FlywayProject(List.of(flyway), List.of(), null), dir.resolve("out")))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("already holds 2 .sql file(s)");
    }

    @Test
    void aYamlChangelogWithoutAParserIsRefusedByName() throws Exception {
        Path changelog = Files.writeString(dir.resolve("changelog.yaml"), "databaseChangeLog: []\n");
        assertThatThrownBy(() -> Adoption.importLiquibase(
                        new LiquibaseChangelog(changelog, List.of(), null), dir.resolve("out")))
                .hasMessageContaining("changelog.yaml: YAML and JSON changelogs need a YAML parser");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void changesetsForAnotherDbmsAreLeftOutWithANote() throws Exception {
        Path changelog = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql
                --changeset ann:1 dbms:oracle
                CREATE TABLE t (id number);
                --changeset ann:2 dbms:postgresql,h2
                CREATE TABLE t (id int);
                --changeset ann:3 dbms:!oracle
                INSERT INTO t VALUES (1);
                """);
        ImportResult result =
                Adoption.importLiquibase(new LiquibaseChangelog(changelog, List.of(), null), dir.resolve("out"));
        assertThat(result.written()).hasSize(2);
        assertThat(result.notes()).anySatisfy(n -> assertThat(n)
                .contains("changeset 1 by ann is for dbms oracle, not PostgreSQL: not imported"));
        assertThat(LiquibaseImporter.forPostgresql("all")).isTrue();
        assertThat(LiquibaseImporter.forPostgresql("none")).isFalse();
        assertThat(LiquibaseImporter.forPostgresql("mysql, !postgresql")).isFalse();
        assertThat(LiquibaseImporter.forPostgresql("!mssql")).isTrue();
    }

    @Test
    void aFlywayScriptIsReadInTheProjectsEncodingAndChecksummedAsFlywayDoes() throws Exception {
        Path flyway = Files.createDirectories(dir.resolve("latin1"));
        Files.write(flyway.resolve("V1__Menu.sql"), "SELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() ->
                        Adoption.importFlyway(new FlywayProject(List.of(flyway), List.of(), null), dir.resolve("utf8")))
                .hasMessageContaining("V1__Menu.sql is not valid UTF-8 (at byte 11)")
                .hasMessageContaining("--encoding ISO-8859-1");
        ImportResult result = Adoption.importFlyway(
                new FlywayProject(List.of(flyway), List.of(), null, StandardCharsets.ISO_8859_1), dir.resolve("out"));
        String revision = Files.readString(result.written().get(0), StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update("SELECT 'caf\u00e9';".getBytes(StandardCharsets.UTF_8));
        assertThat(revision).contains("SELECT 'caf\u00e9';").contains("checksum " + (int) crc.getValue());
    }
}
