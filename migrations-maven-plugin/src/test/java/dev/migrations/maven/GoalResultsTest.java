package dev.migrations.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals on an in-memory H2 database: what fails the build, with which message, and what only warns. */
class GoalResultsTest {
    @TempDir
    Path project;

    private String url;

    @BeforeEach
    void scripts() throws IOException {
        url = "jdbc:h2:mem:" + project.getFileName() + ";DB_CLOSE_DELAY=-1";
        Path dir = Files.createDirectories(project.resolve("src/main/resources/db/migrations"));
        Files.writeString(dir.resolve("a1_create_items.sql"), """
                -- create items
                --
                -- Revision ID: a1
                -- Revises:

                -- migrate:upgrade
                CREATE TABLE items (id bigint PRIMARY KEY, name text);

                -- migrate:downgrade
                DROP TABLE items;
                """);
        Files.writeString(dir.resolve("a2_index_items.sql"), """
                -- index items
                --
                -- Revision ID: a2
                -- Revises: a1

                -- migrate:upgrade
                CREATE INDEX items_name ON items (name);

                -- migrate:downgrade
                DROP INDEX items_name;
                """);
    }

    private <T extends AbstractMigrationsMojo> T goal(T goal, boolean online) {
        goal.basedir = project.toFile();
        goal.url = online ? url : null;
        goal.env = Map.of();
        return goal;
    }

    @Test
    void statusFailsTheBuildWhileRevisionsArePendingAndPassesAfterTheUpgrade() throws Exception {
        assertThatThrownBy(() -> goal(new StatusMojo(), true).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Pending: 2 revision(s), in run order: a1, a2");

        goal(new UpgradeMojo(), true).execute();
        goal(new StatusMojo(), true).execute();
    }

    @Test
    void warnOnlyLogsWhatWouldFailTheBuild() throws Exception {
        StatusMojo status = goal(new StatusMojo(), true);
        status.warnOnly = true;
        status.execute();

        LintMojo lint = goal(new LintMojo(), false);
        lint.warnOnly = true;
        lint.execute();
    }

    @Test
    void aFleetNamedInTheConfigFileOrTheEnvironmentIsWarnedAboutNotRunOver() throws Exception {
        Path config = project.resolve("application.properties");
        Files.writeString(config, "migrations.tenants.list=acme,globex\n");
        List<String> warnings = new ArrayList<>();
        UpgradeMojo upgrade = goal(new UpgradeMojo(), true);
        upgrade.configFile = config.toFile();
        upgrade.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }
        });
        upgrade.execute();
        assertThat(warnings)
                .containsExactly("'migrations.tenants.list' in '" + config
                        + "' names a fleet of tenants, but 'migrations:upgrade' runs on one database (url) and not on"
                        + " them: run the command line over the tenants (bin/migrations --config <file> upgrade,"
                        + " or the container image with MIGRATIONS_TENANTS_*), or let the Spring Boot starter"
                        + " migrate them at start-up");

        warnings.clear();
        StatusMojo status = goal(new StatusMojo(), true);
        status.env = Map.of("MIGRATIONS_TENANTS_QUERY", "SELECT name FROM tenants");
        status.setLog(upgrade.getLog());
        status.execute();
        assertThat(warnings).singleElement().asString().startsWith("'MIGRATIONS_TENANTS_QUERY' names a fleet");

        warnings.clear();
        CurrentMojo current = goal(new CurrentMojo(), true);
        current.setLog(upgrade.getLog());
        current.execute();
        assertThat(warnings).as("no fleet named: nothing to warn about").isEmpty();
    }

    @Test
    void lintFailsOnFindingsAtOrAboveFailOn() throws Exception {
        LintMojo lint = goal(new LintMojo(), false);
        assertThatThrownBy(lint::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("Lint: 1 finding(s) at or above error:\n")
                .hasMessageContaining("a2_index_items.sql:7: [error] create-index-not-concurrently");

        LintMojo none = goal(new LintMojo(), false);
        none.failOn = "none";
        none.execute();
    }

    @Test
    void aCommandErrorFailsTheBuildWithTheCommandLinesMessage() {
        DowngradeMojo downgrade = goal(new DowngradeMojo(), true);
        downgrade.target = "a1:base";

        assertThatThrownBy(downgrade::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Range revision not allowed")
                .hasCauseInstanceOf(MigrationsException.class);
        assertThatThrownBy(() -> goal(new CurrentMojo(), false).execute())
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("'migrations:current' needs a database connection: give url");
    }

    @Test
    void aBugStopsTheBuildAsAnExecutionError() {
        AbstractMigrationsMojo broken = new AbstractMigrationsMojo() {
            @Override
            void run() {
                throw new IllegalStateException("boom");
            }
        };

        assertThatThrownBy(broken::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("This is a bug in migrations")
                .hasMessageContaining("boom");
    }

    @Test
    void skipRunsNothing() throws Exception {
        CurrentMojo current = goal(new CurrentMojo(), false);
        current.skip = true;

        current.execute();
    }

    @Test
    void sqlWritesTheOfflineScript() throws Exception {
        SqlMojo sql = goal(new SqlMojo(), false);
        sql.dialect = "h2";
        sql.sqlOutput = project.resolve("target/out/upgrade.sql").toFile();

        sql.execute();

        assertThat(Files.readString(project.resolve("target/out/upgrade.sql")))
                .contains("CREATE TABLE items (id bigint PRIMARY KEY, name text);");
        assertThat(List.of(sql.sqlCommand, sql.target)).containsExactly("upgrade", "heads");
    }
}
