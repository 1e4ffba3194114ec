package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service as a one-shot migration job ({@code --migrations.run-and-exit=true}): it
 * migrates with the starter's properties and exits, without a web server or the scheduled worker;
 * a failed run exits non-zero with the failure analysis.
 */
class SampleRunAndExitIT {
    private static final String HEAD = "c7e2a94f1d60";

    @TempDir
    Path dir;

    @Test
    void migratesAndExitsWithoutServing() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("orders").toAbsolutePath();

        PackagedService.Exit exit = PackagedService.runToExit(
                "sample-run-and-exit-it.log",
                List.of(
                        "--migrations.run-and-exit=true",
                        "--spring.datasource.url=" + url,
                        "--sample.worker.delay=10ms"));

        assertThat(exit.code()).as(exit.log()).isZero();
        assertThat(exit.log())
                .contains("the database is at " + HEAD, "Migrated (migrations.run-and-exit=true): exiting")
                .doesNotContain("Tomcat started", "Processed order");
        try (Connection connection = DriverManager.getConnection(url, "", "");
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version_num FROM alembic_version")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(HEAD);
        }
    }

    @Test
    void aFailedRunExitsNonZeroWithTheReason() throws Exception {
        PackagedService.Exit exit = PackagedService.runToExit(
                "sample-run-and-exit-failed-it.log",
                List.of(
                        "--migrations.run-and-exit=true",
                        "--spring.datasource.url=jdbc:h2:file:"
                                + dir.resolve("bad").toAbsolutePath(),
                        "--migrations.target=no_such_revision"));

        assertThat(exit.code()).as(exit.log()).isNotZero();
        assertThat(exit.log()).contains("APPLICATION FAILED TO START", "no_such_revision");
        assertThat(Files.exists(dir.resolve("bad.mv.db"))).isTrue();
    }
}
