package dev.migrations.internal.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Migrations;
import dev.migrations.adopt.Adoption;
import dev.migrations.adopt.AdoptionReport;
import dev.migrations.adopt.FlywayProject;
import dev.migrations.adopt.SourceTool;
import dev.migrations.adopt.ToolHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project baselined by Flyway: the scripts at or below the baseline are not imported, and a database
 * whose history is only the baseline row is adopted at base, so its first upgrade runs what came after.
 */
class AdoptBaselineTest {
    @TempDir
    Path dir;

    @Test
    void aDatabaseBaselinedBelowEveryImportedScriptIsStampedAtBase() throws Exception {
        Path flyway = Files.createDirectories(dir.resolve("flyway"));
        Files.writeString(flyway.resolve("V1__Old.sql"), "CREATE TABLE old (id int);\n");
        Files.writeString(flyway.resolve("V3__New.sql"), "CREATE TABLE added (id int);\n");
        Path scripts = dir.resolve("db/migrations");
        var result = Adoption.importFlyway(new FlywayProject(List.of(flyway), List.of(), "2"), scripts);
        assertThat(result.written()).hasSize(1);
        assertThat(result.notes())
                .anySatisfy(n -> assertThat(n).contains("V1__Old.sql: at or below baselineVersion 2"));

        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE old (id int)");
            s.execute("CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT, \"version\" VARCHAR(50),"
                    + " \"description\" VARCHAR(200), \"type\" VARCHAR(20), \"checksum\" INT, \"success\" BOOLEAN)");
            s.execute("INSERT INTO \"flyway_schema_history\" VALUES (1, '2', '<< Flyway Baseline >>', 'BASELINE',"
                    + " NULL, true)");
        }
        Migrations migrations = Migrations.configure()
                .locations("filesystem:" + scripts)
                .url(url, "sa", "")
                .load();
        assertThat(Adoption.foreignHistory(migrations)).contains(ToolHistory.of(SourceTool.FLYWAY));
        AdoptionReport report = Adoption.adopt(migrations, SourceTool.FLYWAY, null);
        assertThat(report.stamped()).isTrue();
        assertThat(report.revision()).isNull();
        assertThat(Adoption.foreignHistory(migrations)).isEmpty();
        migrations.upgrade("head");
        assertThat(migrations.currentRows()).containsExactly("v3");
    }
}
