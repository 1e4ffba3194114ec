package dev.migrations.cli;

import dev.migrations.LintOptions;
import dev.migrations.LintRule;
import dev.migrations.MigrationsException;
import dev.migrations.Severity;
import dev.migrations.StartMode;
import dev.migrations.StartOptions;
import dev.migrations.StartResult;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code start}: what the Spring Boot starter does when the application starts, for a Kubernetes init
 * container, a worker or a CI step: the same modes, checks and messages. Each setting falls back to its
 * {@code migrations.*} property in {@code --config}, then to the starter's default. With tenant
 * options, each tenant of the fleet is started so (a Kubernetes Job per shard, say).
 */
@Command(
        name = "start",
        description = "Bring the database to the target as an application start does: upgrade, validate, wait"
                + " for another instance, or only report (exit 3 when revisions are pending in mode none).")
final class StartCommand extends Subcommand {
    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = "upgrade (default), validate (fail unless at the target), wait (for another instance to"
                    + " migrate, bounded by --wait-timeout) or none (report only); else migrations.mode.")
    StartMode mode;

    @Option(
            names = "--allow-downgrade",
            description = "With mode upgrade, downgrade a database above the target instead of failing; else"
                    + " migrations.allow-downgrade.")
    Boolean allowDowngrade;

    @Option(
            names = "--tolerate-unknown-revisions",
            description = "Succeed without migrating when the version table names revisions the scripts lack (a"
                    + " newer deployment's); else migrations.tolerate-unknown-revisions.")
    Boolean tolerateUnknownRevisions;

    @Option(
            names = "--wait-timeout",
            paramLabel = "DURATION",
            description = "With mode wait, how long to wait, e.g. 5m (default: migrations.wait-timeout, else 10m).")
    String waitTimeout;

    @Option(
            names = "--wait-poll-interval",
            paramLabel = "DURATION",
            description = "With mode wait, how often to look (default: migrations.wait-poll-interval, else 2s).")
    String waitPollInterval;

    @Option(
            names = "--lint",
            negatable = true,
            description = "With mode upgrade, lint the revisions about to run first; a finding at or above"
                    + " --lint-fail-on refuses the start before anything runs (default: migrations.lint.enabled;"
                    + " rule severities from migrations.lint.severity.<rule>).")
    Boolean lint;

    @Option(
            names = "--lint-fail-on",
            paramLabel = "LEVEL",
            description = "The lowest severity that refuses the start: error, warning, info or none (default:"
                    + " migrations.lint.fail-on, else error).")
    String lintFailOn;

    @Parameters(
            arity = "0..1",
            paramLabel = "TARGET",
            description = "The target revision (default: migrations.target, else head).")
    String target;

    @Mixin
    TenantOptions tenants;

    @Override
    public Integer call() {
        FleetRun fleet = fleet(tenants);
        if (fleet != null) {
            return fleet.run(tenantFleet -> tenantFleet.start(options()), null);
        }
        rejectJson();
        StartResult result = online("start").start(options());
        switch (result.outcome()) {
            case AT_TARGET -> println("At the target: " + describe(result));
            case MIGRATED ->
                println("Migrated: " + result.run().scriptsRun() + " script(s) run; the database is at "
                        + describe(result));
            case SKIPPED ->
                println("Skipped: the version table names revisions these scripts do not have (" + describe(result)
                        + ")");
            case PENDING ->
                println("Pending: " + result.pending().size() + " revision(s), in run order: "
                        + String.join(", ", result.pending()));
        }
        return result.outcome() == StartResult.Outcome.PENDING ? StatusCommand.EXIT_PENDING : 0;
    }

    private StartOptions options() {
        StartMode startMode = mode != null
                ? mode
                : parent.configValue("migrations.mode")
                        .map(value -> parseMode(value))
                        .orElse(StartMode.UPGRADE);
        StartOptions options = new StartOptions(
                startMode,
                target != null
                        ? target
                        : parent.configValue("migrations.target").orElse("head"),
                flag(allowDowngrade, "migrations.allow-downgrade"),
                flag(tolerateUnknownRevisions, "migrations.tolerate-unknown-revisions"),
                duration(waitTimeout, "wait-timeout", StartOptions.DEFAULT_WAIT_TIMEOUT),
                duration(waitPollInterval, "wait-poll-interval", StartOptions.DEFAULT_WAIT_POLL_INTERVAL),
                null);
        return flag(lint, "migrations.lint.enabled") ? options.withLint(startLint()) : options;
    }

    /** The lint at start as the starter reads it: severities per rule, and the level that refuses. */
    private StartOptions.StartLint startLint() {
        LintOptions severities = LintOptions.defaults();
        for (LintRule rule : LintRule.values()) {
            String key = "migrations.lint.severity." + rule.id();
            String level = parent.configValue(key).orElse(null);
            if (level != null) {
                severities = severities.withSeverity(rule.id(), parseSeverity(level, key));
            }
        }
        String failOn = lintFailOn != null
                ? lintFailOn
                : parent.configValue("migrations.lint.fail-on").orElse("error");
        Severity threshold =
                failOn.strip().equalsIgnoreCase("none") ? Severity.OFF : parseSeverity(failOn, "--lint-fail-on");
        return new StartOptions.StartLint(severities, threshold);
    }

    private static Severity parseSeverity(String value, String where) {
        try {
            return Severity.parse(value);
        } catch (MigrationsException e) {
            throw failed("'" + where + "': " + e.getMessage());
        }
    }

    private boolean flag(Boolean option, String key) {
        if (option != null) {
            return option;
        }
        return parent.configValue(key)
                .map(value -> Settings.parseBoolean(value, key))
                .orElse(false);
    }

    private Duration duration(String option, String key, Duration fallback) {
        String value = option != null
                ? option
                : parent.configValue("migrations." + key).orElse(null);
        return Settings.duration(value, key, fallback);
    }

    private static StartMode parseMode(String value) {
        try {
            return StartMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw failed("'migrations.mode' must be one of upgrade, validate, wait, none, not '" + value + "'");
        }
    }

    private static String describe(StartResult result) {
        return result.current().isEmpty() ? "base" : String.join(", ", result.current());
    }
}
