package dev.migrations.boot;

import dev.migrations.ChecksumMismatch;
import dev.migrations.ChecksumMismatchException;
import dev.migrations.MigrationStatus;
import dev.migrations.Migrations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Brings the database where {@code migrations.mode} says, while the application context refreshes:
 * after its dependencies are set and before the web server binds its port and scheduled tasks start.
 * Beans that use the database for data (JdbcTemplate, JdbcClient, JPA, jOOQ,
 * {@code @DependsOnDatabaseInitialization}) are created after it.
 *
 * <p>Define one per engine to migrate several DataSources:
 *
 * <pre>{@code
 * @Bean
 * MigrationsInitializer auditMigrationsInitializer(Migrations auditMigrations) {
 *     return new MigrationsInitializer(auditMigrations, new MigrationsProperties(), null);
 * }
 * }</pre>
 */
public class MigrationsInitializer implements InitializingBean {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationsInitializer.class);
    private static final long WAIT_LOG_MILLIS = 30_000;

    private final Migrations migrations;
    private final MigrationsProperties properties;
    private final @Nullable MigrationsStrategy strategy;

    /**
     * Creates the initializer.
     *
     * @param migrations the engine to run
     * @param properties mode, target and the other start-up settings
     * @param strategy replaces the start-up run when not null
     */
    public MigrationsInitializer(
            Migrations migrations, MigrationsProperties properties, @Nullable MigrationsStrategy strategy) {
        this.migrations = Objects.requireNonNull(migrations, "migrations");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.strategy = strategy;
    }

    @Override
    public void afterPropertiesSet() {
        if (strategy != null) {
            strategy.migrate(migrations);
            return;
        }
        List<String> problems = properties.problems();
        if (!problems.isEmpty()) {
            throw new MigrationsStartupException(
                    "Invalid migrations settings:\n  " + String.join("\n  ", problems),
                    "Correct the settings named above and restart.");
        }
        String target = properties.getTarget();
        if (atVerifiedTarget(target)) {
            return;
        }
        switch (properties.getMode()) {
            case UPGRADE -> upgrade(target);
            case VALIDATE -> validate(target);
            case WAIT -> await(target);
            case NONE -> report(target);
        }
    }

    /**
     * The common start: the database's verification record covers these scripts at the target, so
     * nothing is pending, no row is unknown and no script needs reading; one read answers it. Mode
     * upgrade reports it as the upgrade that had nothing to do (its log line, the run state).
     */
    private boolean atVerifiedTarget(String target) {
        if (properties.getMode() == MigrationsProperties.Mode.UPGRADE) {
            return migrations.upgradeIfVerified(target).isPresent();
        }
        MigrationStatus status = migrations.verifiedStatus(target).orElse(null);
        if (status == null) {
            return false;
        }
        String how =
                switch (properties.getMode()) {
                    case VALIDATE -> "validated";
                    case WAIT -> "waited 0 ms";
                    default -> "mode none";
                };
        LOG.info("Migrations: the database is at {}, at target {} ({})", describe(status.current()), target, how);
        return true;
    }

    /** The version-table rows, or null when they name unknown revisions and that is tolerated. */
    private @Nullable List<String> knownRows() {
        List<String> rows = migrations.currentRows();
        return unknownRevisionsStopRun(rows) ? null : rows;
    }

    /** Fails, or warns and returns true when tolerated, if the version table names unknown revisions. */
    private boolean unknownRevisionsStopRun(List<String> rows) {
        List<String> unknown = migrations.unknownRevisions(rows);
        if (unknown.isEmpty()) {
            return false;
        }
        String found = "The version table " + migrations.config().versionTable() + " names "
                + (unknown.size() == 1 ? "revision " : "revisions ") + String.join(", ", unknown)
                + ", which the scripts in "
                + String.join(", ", migrations.config().locations())
                + " do not have: a newer deployment's revisions are in the database (was the application"
                + " rolled back?)";
        if (properties.isTolerateUnknownRevisions() || properties.getMode() == MigrationsProperties.Mode.NONE) {
            LOG.warn("{}. Skipping the start-up migration ({}).", found, reason());
            return true;
        }
        throw new MigrationsStartupException(
                found + ".",
                "Deploy the version that has these revisions, or, if running this older version against the newer"
                        + " schema is safe, set migrations.tolerate-unknown-revisions=true to start without migrating."
                        + " If the revisions were abandoned, downgrade them with the newer version, or stamp the"
                        + " database with 'migrations stamp --purge <revision>'.");
    }

    private String reason() {
        return properties.getMode() == MigrationsProperties.Mode.NONE
                ? "migrations.mode=none"
                : "migrations.tolerate-unknown-revisions=true";
    }

    private void upgrade(String target) {
        List<String> rows = knownRows();
        if (rows == null) {
            return;
        }
        List<String> undo = aboveTarget(target, rows);
        if (undo.isEmpty()) {
            MigrationsLintCheck.beforeUpgrade(migrations, properties.getLint(), target);
            migrations.upgrade(target);
        } else {
            LOG.warn(
                    "Downgrading the database from {} to the target {} (migrations.allow-downgrade=true): undoing {}",
                    describe(rows),
                    target,
                    String.join(", ", undo));
            migrations.downgrade(target);
        }
        // The engine logs each step and one summary line of the run.
    }

    private void validate(String target) {
        List<String> rows = knownRows();
        if (rows == null) {
            return;
        }
        aboveTarget(target, rows);
        MigrationStatus status = migrations.status(target);
        checkChecksums(status);
        if (!status.upToDate()) {
            throw new MigrationsStartupException(
                    "The database is at " + describe(status.current()) + ", not at the target " + target + ": "
                            + status.pending().size() + " revision(s) pending: "
                            + String.join(", ", status.pending()) + " (migrations.mode=validate never migrates).",
                    "Upgrade the database first (another instance with migrations.mode=upgrade, or 'migrations"
                            + " upgrade " + target + "'), or set migrations.mode=upgrade to migrate at start-up.");
        }
        LOG.info("Migrations: the database is at {}, at target {} (validated)", describe(status.current()), target);
    }

    private void await(String target) {
        long start = System.nanoTime();
        long timeout = properties.getWaitTimeout().toNanos();
        long nextLog = 0;
        while (true) {
            List<String> rows = knownRows();
            if (rows == null) {
                return;
            }
            aboveTarget(target, rows);
            MigrationStatus status = migrations.status(target);
            checkChecksums(status);
            long waited = System.nanoTime() - start;
            if (status.upToDate()) {
                LOG.info(
                        "Migrations: the database is at {}, at target {} (waited {} ms)",
                        describe(status.current()),
                        target,
                        Duration.ofNanos(waited).toMillis());
                return;
            }
            if (waited >= timeout) {
                throw new MigrationsStartupException(
                        "Waited " + format(properties.getWaitTimeout()) + " for the database to reach the target "
                                + target
                                + "; it is at " + describe(status.current()) + " with "
                                + status.pending().size()
                                + " revision(s) pending: " + String.join(", ", status.pending()) + ".",
                        "Check that an instance with migrations.mode=upgrade is running and succeeds (its log"
                                + " names a failed revision), or raise migrations.wait-timeout.");
            }
            if (waited / 1_000_000 >= nextLog) {
                LOG.info(
                        "Waiting for another instance to migrate the database to {}: at {}, pending {}",
                        target,
                        describe(status.current()),
                        String.join(", ", status.pending()));
                nextLog += WAIT_LOG_MILLIS;
            }
            sleep(Math.min(properties.getWaitPollInterval().toNanos(), timeout - waited));
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationsStartupException(
                    "Interrupted while waiting for the database to reach the target", "Restart the application.");
        }
    }

    private void report(String target) {
        if (knownRows() == null) {
            return;
        }
        MigrationStatus status = migrations.status(target);
        for (ChecksumMismatch mismatch : status.checksumMismatches()) {
            LOG.warn("{}", mismatch.describe());
        }
        if (status.upToDate()) {
            LOG.info("Migrations: the database is at {}, at target {} (mode none)", describe(status.current()), target);
        } else {
            LOG.info(
                    "Migrations: the database is at {}; {} revision(s) pending for target {}: {} (mode none: not"
                            + " migrating)",
                    describe(status.current()),
                    status.pending().size(),
                    target,
                    String.join(", ", status.pending()));
        }
    }

    /**
     * The revisions the database has above the target (newest first). Only mode upgrade with
     * allow-downgrade may go down to the target; otherwise a database above it stops the start.
     */
    private List<String> aboveTarget(String target, List<String> rows) {
        List<String> undo = migrations.downgradePlan(target, rows);
        boolean upgrade = properties.getMode() == MigrationsProperties.Mode.UPGRADE;
        if (undo.isEmpty() || (upgrade && properties.isAllowDowngrade())) {
            return undo;
        }
        throw new MigrationsStartupException(
                "The database is at " + describe(rows) + ", above the target " + target + ": reaching it would"
                        + " downgrade " + String.join(", ", undo) + ".",
                "Set migrations.target to the database's revision (or 'head')"
                        + (upgrade
                                ? ", or set migrations.allow-downgrade=true to downgrade at start-up."
                                : "; migrations.mode="
                                        + properties.getMode().name().toLowerCase(Locale.ROOT) + " never migrates."));
    }

    private void checkChecksums(MigrationStatus status) {
        if (status.checksumMismatches().isEmpty()) {
            return;
        }
        if (migrations.config().validateChecksums()) {
            throw new ChecksumMismatchException(status.checksumMismatches());
        }
        for (ChecksumMismatch mismatch : status.checksumMismatches()) {
            LOG.warn("{} (checksum validation is off)", mismatch.describe());
        }
    }

    private static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    private static String describe(List<String> rows) {
        return rows.isEmpty() ? "base" : String.join(", ", rows);
    }
}
