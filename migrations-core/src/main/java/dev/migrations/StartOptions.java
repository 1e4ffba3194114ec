package dev.migrations;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Migrations#start} brings a database to its target: the one start-up policy the Spring Boot
 * starter, the command line ({@code migrations start}) and a fleet of tenants share.
 *
 * <pre>{@code
 * migrations.start(StartOptions.of(StartMode.WAIT).withWait(Duration.ofMinutes(5), Duration.ofSeconds(2)));
 * }</pre>
 *
 * @param mode what to do when the database is not at the target
 * @param target the target ({@code head}, {@code heads}, a revision, a label...); no range
 * @param allowDowngrade whether mode {@code UPGRADE} may downgrade a database above the target (else the
 *     start is refused)
 * @param tolerateUnknownRevisions whether a version table naming revisions the scripts lack (a newer
 *     deployment's, after a roll-back) lets the start go on without migrating (else it is refused)
 * @param waitTimeout how long mode {@code WAIT} waits before refusing
 * @param waitPollInterval how often mode {@code WAIT} looks again
 * @param lint the lint of the revisions an upgrade is about to run, or null for none
 */
public record StartOptions(
        StartMode mode,
        String target,
        boolean allowDowngrade,
        boolean tolerateUnknownRevisions,
        Duration waitTimeout,
        Duration waitPollInterval,
        @Nullable StartLint lint) {

    /** The defaults of {@code migrations.wait-timeout} and {@code migrations.wait-poll-interval}. */
    public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(10);

    /** See {@link #DEFAULT_WAIT_TIMEOUT}. */
    public static final Duration DEFAULT_WAIT_POLL_INTERVAL = Duration.ofSeconds(2);

    /** Validates. */
    public StartOptions {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(waitTimeout, "waitTimeout");
        Objects.requireNonNull(waitPollInterval, "waitPollInterval");
        if (target.isBlank()) {
            throw new IllegalArgumentException("The start target is empty; give 'head', 'heads' or a revision");
        }
        if (waitTimeout.isNegative() || waitPollInterval.isNegative() || waitPollInterval.isZero()) {
            throw new IllegalArgumentException("The wait timeout must not be negative and the poll interval must"
                    + " be positive (got " + waitTimeout + " and " + waitPollInterval + ")");
        }
    }

    /** The mode with the defaults: target {@code head}, no downgrade, unknown revisions refused, no lint. */
    public static StartOptions of(StartMode mode) {
        return new StartOptions(mode, "head", false, false, DEFAULT_WAIT_TIMEOUT, DEFAULT_WAIT_POLL_INTERVAL, null);
    }

    /** With another target. */
    public StartOptions withTarget(String target) {
        return new StartOptions(
                mode, target, allowDowngrade, tolerateUnknownRevisions, waitTimeout, waitPollInterval, lint);
    }

    /** Mode {@code UPGRADE} may downgrade a database above the target. */
    public StartOptions allowingDowngrade() {
        return new StartOptions(mode, target, true, tolerateUnknownRevisions, waitTimeout, waitPollInterval, lint);
    }

    /** A version table naming unknown revisions lets the start go on without migrating. */
    public StartOptions toleratingUnknownRevisions() {
        return new StartOptions(mode, target, allowDowngrade, true, waitTimeout, waitPollInterval, lint);
    }

    /** With another wait timeout and poll interval for mode {@code WAIT}. */
    public StartOptions withWait(Duration timeout, Duration pollInterval) {
        return new StartOptions(mode, target, allowDowngrade, tolerateUnknownRevisions, timeout, pollInterval, lint);
    }

    /** Lints the revisions an upgrade is about to run first. */
    public StartOptions withLint(@Nullable StartLint lint) {
        return new StartOptions(
                mode, target, allowDowngrade, tolerateUnknownRevisions, waitTimeout, waitPollInterval, lint);
    }

    /**
     * The lint at start: findings are logged, and one at or above {@code failOn} refuses the start
     * before anything is migrated.
     *
     * @param options rule severities
     * @param failOn the lowest severity that refuses the start ({@link Severity#OFF}: only log)
     */
    public record StartLint(LintOptions options, Severity failOn) {
        /** Validates. */
        public StartLint {
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(failOn, "failOn");
        }
    }
}
