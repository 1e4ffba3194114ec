package dev.migrations.boot;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.lint.Finding;
import dev.migrations.lint.LintOptions;
import dev.migrations.lint.LintReport;
import dev.migrations.lint.Rule;
import dev.migrations.lint.Severity;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up lint ({@code migrations.lint.enabled=true}): before the upgrade, lints the revisions
 * it is about to run, logs every finding, and stops the start when one is at or above {@code
 * migrations.lint.fail-on}.
 */
final class MigrationsLintCheck {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationsLintCheck.class);

    private MigrationsLintCheck() {}

    /** Lints what {@code upgrade target} will run; throws {@link MigrationsStartupException} to stop the start. */
    static void beforeUpgrade(Migrations migrations, MigrationsProperties.Lint settings, String target) {
        if (!settings.isEnabled()) {
            return;
        }
        LintReport report = migrations.lintPending(target, options(settings));
        for (Finding f : report.findings()) {
            String line = "Lint: " + f.path() + ":" + f.line() + ": ["
                    + f.severity().label() + "] " + f.rule() + ": " + f.message() + " Instead: " + f.instead();
            if (f.severity() == Severity.INFO) {
                LOG.info("{}", line);
            } else {
                LOG.warn("{}", line);
            }
        }
        Severity threshold = threshold(settings.getFailOn());
        if (!report.fails(threshold)) {
            LOG.info(
                    "Lint: {} pending revision(s) checked, {} finding(s), none at or above {}",
                    report.revisions().size(),
                    report.findings().size(),
                    settings.getFailOn().name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        throw failure(report.atLeast(threshold), settings);
    }

    private static MigrationsStartupException failure(List<Finding> failing, MigrationsProperties.Lint settings) {
        StringBuilder message = new StringBuilder("The lint found " + failing.size() + " finding(s) at or above "
                + settings.getFailOn().name().toLowerCase(java.util.Locale.ROOT)
                + " in the revisions the start-up upgrade would run (nothing was migrated):");
        for (Finding f : failing) {
            message.append("\n    ")
                    .append(f.path())
                    .append(':')
                    .append(f.line())
                    .append(": [")
                    .append(f.severity().label())
                    .append("] ")
                    .append(f.rule())
                    .append(": ")
                    .append(f.message());
        }
        return new MigrationsStartupException(
                message.toString(),
                "Rewrite the statements the safe way (each rule's alternative is logged above and listed in"
                        + " docs/lint.md), or, once reviewed, suppress a finding with '-- lint:ignore <rule> <reason>' on"
                        + " the line above the statement. migrations.lint.severity.<rule> changes a rule's"
                        + " severity; migrations.lint.fail-on=none only logs.");
    }

    static LintOptions options(MigrationsProperties.Lint settings) {
        LintOptions options = LintOptions.defaults();
        for (Map.Entry<String, String> entry : settings.getSeverity().entrySet()) {
            options = options.withSeverity(entry.getKey(), Severity.parse(entry.getValue()));
        }
        return options;
    }

    private static Severity threshold(MigrationsProperties.Lint.FailOn failOn) {
        return failOn == MigrationsProperties.Lint.FailOn.NONE ? Severity.OFF : Severity.valueOf(failOn.name());
    }

    /** Reports invalid {@code migrations.lint.*} settings, naming the property. */
    static void problems(MigrationsProperties.Lint settings, BiConsumer<String, String> reject) {
        if (settings.getFailOn() == null) {
            reject.accept("lint.failOn", "give one of error, warning, info, none");
        }
        Map<String, String> severities = settings.getSeverity();
        if (severities == null) {
            return;
        }
        for (Map.Entry<String, String> entry : severities.entrySet()) {
            try {
                Rule.byId(entry.getKey());
                Severity.parse(entry.getValue());
            } catch (MigrationsException e) {
                reject.accept("lint.severity[" + entry.getKey() + "]", e.getMessage());
            }
        }
    }
}
