package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.LintOptions;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The start-up lint: off by default; when enabled it lints only what the upgrade is about to run,
 * logs findings, and stops the start (before migrating) on findings at or above fail-on.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationsLintStartupTests {
    @TempDir
    Path scripts;

    private final H2Database database = new H2Database();

    private ApplicationContextRunner runner;

    @BeforeEach
    void setUp() {
        // 'a' creates a table; 'b' indexes it without CONCURRENTLY (an error-level finding).
        TestScripts.revision(
                scripts, "a", "", "CREATE TABLE users (id bigint, email varchar(100));", "DROP TABLE users;");
        TestScripts.revision(
                scripts, "b", "a", "CREATE INDEX users_email ON users (email);", "DROP INDEX users_email;");
        runner = new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
                .withPropertyValues(database.property(), "migrations.locations=" + TestScripts.location(scripts));
    }

    private static List<String> versions(AssertableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class))
                .queryForList("SELECT version_num FROM alembic_version", String.class);
    }

    @Test
    void lintIsOffByDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(versions(context)).containsExactly("b");
        });
    }

    @Test
    void errorFindingsStopTheStartBeforeAnythingIsMigrated() throws Exception {
        runner.withPropertyValues("migrations.lint.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new MigrationsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                    .startsWith("The lint found 1 finding(s) at or above error in the revisions the start-up upgrade"
                            + " would run (nothing was migrated):")
                    .contains("b_step.sql:7: [error] create-index-not-concurrently: CREATE INDEX users_email on"
                            + " users without CONCURRENTLY.");
            assertThat(analysis.getAction()).contains("-- lint:ignore <rule> <reason>", "migrations.lint.fail-on");
        });
        assertThat(database.strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"))
                .isEmpty();
    }

    @Test
    void failOnNoneOnlyLogsTheFindings(CapturedOutput output) {
        runner.withPropertyValues("migrations.lint.enabled=true", "migrations.lint.fail-on=none")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(versions(context)).containsExactly("b");
                });
        assertThat(output).contains("b_step.sql:7: [error] create-index-not-concurrently: CREATE INDEX users_email");
    }

    @Test
    void severityOverridesApply() {
        // Still pending after the failed start, so the second run lints the same revisions.
        runner.withPropertyValues(
                        "migrations.lint.enabled=true",
                        "migrations.lint.severity.missing-lock-timeout=error",
                        "migrations.lint.severity.create-index-not-concurrently=off")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues(
                        "migrations.lint.enabled=true",
                        "migrations.lint.severity.create-index-not-concurrently=warning")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void onlyPendingRevisionsAreLinted() {
        database.engine(TestScripts.location(scripts)).load().upgrade("head");
        TestScripts.revision(scripts, "c", "b", "CREATE TABLE audit (id bigint);", "DROP TABLE audit;");

        runner.withPropertyValues("migrations.lint.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(versions(context)).containsExactly("c");
        });
    }

    @Test
    void invalidLintSettingsNameTheProperty() {
        runner.withPropertyValues("migrations.lint.enabled=true", "migrations.lint.severity.no-such-rule=error")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasStackTraceContaining("lint.severity[no-such-rule]")
                            .hasStackTraceContaining("Unknown lint rule 'no-such-rule'");
                });
    }

    @Test
    void lintDefaultsAreTheEngineDefaults() {
        MigrationsProperties.Lint lint = new MigrationsProperties().getLint();
        assertThat(lint.isEnabled()).isFalse();
        assertThat(lint.getFailOn()).isEqualTo(MigrationsProperties.Lint.FailOn.ERROR);
        assertThat(MigrationsLintSettings.options(lint)).isEqualTo(LintOptions.defaults());
    }
}
