package dev.migrations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the lint runs.
 *
 * <pre>{@code
 * LintOptions options = LintOptions.defaults()
 *         .withSeverity("drop-column", Severity.ERROR)
 *         .withDdlLockTimeout(true); // the engine sets lock_timeout itself
 * }</pre>
 *
 * @param severities severities that replace rules' defaults, by rule id ({@link Severity#OFF}
 *     turns a rule off)
 * @param ddlLockTimeoutConfigured whether the engine sets {@code lock_timeout} for migration
 *     statements ({@code migrations.ddl-lock-timeout}), which satisfies {@code missing-lock-timeout}
 */
public record LintOptions(Map<String, Severity> severities, boolean ddlLockTimeoutConfigured) {

    /** Validates the rule ids and copies the map. */
    public LintOptions {
        Map<String, Severity> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Severity> entry : severities.entrySet()) {
            copy.put(LintRule.byId(entry.getKey()).id(), java.util.Objects.requireNonNull(entry.getValue()));
        }
        severities = Map.copyOf(copy);
    }

    /** Every rule at its default severity, no DDL lock timeout configured. */
    public static LintOptions defaults() {
        return new LintOptions(Map.of(), false);
    }

    /** These options with {@code rule} at {@code severity}. */
    public LintOptions withSeverity(String rule, Severity severity) {
        Map<String, Severity> copy = new LinkedHashMap<>(severities);
        copy.put(LintRule.byId(rule).id(), severity);
        return new LintOptions(copy, ddlLockTimeoutConfigured);
    }

    /** These options with the engine's DDL lock timeout configured or not. */
    public LintOptions withDdlLockTimeout(boolean configured) {
        return new LintOptions(severities, configured);
    }

    /** The severity {@code rule} runs at. */
    public Severity severityOf(LintRule rule) {
        return severities.getOrDefault(rule.id(), rule.defaultSeverity());
    }
}
