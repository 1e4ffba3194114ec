package dev.migrations.boot;

import dev.migrations.LintOptions;
import dev.migrations.LintRule;
import dev.migrations.MigrationsException;
import dev.migrations.Severity;
import dev.migrations.StartOptions;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The start-up lint's settings ({@code migrations.lint.*}): what the engine's start lints with, and
 * their validation.
 */
final class MigrationsLintSettings {
    private MigrationsLintSettings() {}

    /** The lint the start runs: the rule severities and the threshold that refuses the start. */
    static StartOptions.StartLint startLint(MigrationsProperties.Lint settings) {
        return new StartOptions.StartLint(options(settings), threshold(settings.getFailOn()));
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
                LintRule.byId(entry.getKey());
                Severity.parse(entry.getValue());
            } catch (MigrationsException e) {
                reject.accept("lint.severity[" + entry.getKey() + "]", e.getMessage());
            }
        }
    }
}
