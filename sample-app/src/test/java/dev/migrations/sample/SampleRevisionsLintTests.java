package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Finding;
import dev.migrations.LintOptions;
import dev.migrations.LintReport;
import dev.migrations.Migrations;
import dev.migrations.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The build lints the sample's own revisions, the shared ones and the tenants', with the sample's
 * settings: no finding may reach error, so a risky statement added to db/migrations or db/tenants
 * fails the build here, with the lint's advice.
 */
class SampleRevisionsLintTests {

    /** The shared revisions (the default profile's), then the tenants' (the tenants profile's). */
    @ParameterizedTest(name = "{1} of {0}")
    @CsvSource({
        "application.properties, migrations.locations",
        "application-tenants.properties, migrations.tenants.locations"
    })
    void sampleRevisionsHaveNoErrorLevelFindings(String file, String property) throws IOException {
        Properties settings = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            settings.load(in);
        }
        Properties profile = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
            profile.load(in);
        }
        Migrations migrations = Migrations.configure()
                .classLoader(getClass().getClassLoader())
                .locations(profile.getProperty(property))
                .load();
        LintOptions options =
                LintOptions.defaults().withDdlLockTimeout(settings.getProperty("migrations.ddl-lock-timeout") != null);

        LintReport report = migrations.lint(null, options);

        assertThat(report.revisions())
                .hasSize(migrations.graph().revisions().size())
                .isNotEmpty();
        assertThat(report.atLeast(Severity.ERROR))
                .as("error-level lint findings in the sample's revisions:%n%s", describe(report))
                .isEmpty();
        // The sample is meant as an example to copy: keep it free of warnings too.
        assertThat(report.findings()).as(describe(report)).isEmpty();
    }

    private static String describe(LintReport report) {
        StringBuilder out = new StringBuilder();
        for (Finding f : report.findings()) {
            out.append(f.path())
                    .append(':')
                    .append(f.line())
                    .append(": [")
                    .append(f.severity().label())
                    .append("] ")
                    .append(f.rule())
                    .append(": ")
                    .append(f.message())
                    .append(" Instead: ")
                    .append(f.instead())
                    .append('\n');
        }
        return out.toString();
    }
}
