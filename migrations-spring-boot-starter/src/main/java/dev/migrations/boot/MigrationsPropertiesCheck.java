package dev.migrations.boot;

import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import dev.migrations.StartRefusedException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The checks of {@code migrations.*}, each naming the property it rejects. */
final class MigrationsPropertiesCheck {
    private static final Pattern STATUS_CODE = Pattern.compile("[A-Za-z_]+");

    private MigrationsPropertiesCheck() {}

    /** Calls {@code reject(field, message)} for each invalid setting. */
    static void check(MigrationsProperties p, BiConsumer<String, String> reject) {
        if (p.getLocations() == null || p.getLocations().isEmpty()) {
            reject.accept("locations", "give at least one location of revision scripts, e.g. classpath:db/migrations");
        } else if (p.getLocations().stream().anyMatch(l -> l == null || l.isBlank())) {
            reject.accept("locations", "a location is empty; remove it or name a directory");
        }
        if (p.getTarget() == null || p.getTarget().isBlank()) {
            reject.accept("target", "give a target revision, e.g. head");
        }
        if (p.getMode() == null) {
            reject.accept("mode", "give one of upgrade, validate, wait, none");
        }
        // The engine's own rules for names and timeouts, one setting at a time so the error names it.
        if (p.getVersionTable() == null) {
            reject.accept("versionTable", "give a table name, e.g. alembic_version");
        } else {
            engineCheck("versionTable", reject, b -> b.versionTable(p.getVersionTable()));
        }
        engineCheck("schema", reject, b -> b.schema(p.getSchema()));
        if (p.getLockWaitTimeout() == null) {
            reject.accept("lockWaitTimeout", "give a duration, e.g. 10m");
        } else {
            engineCheck("lockWaitTimeout", reject, b -> b.lockWaitTimeout(p.getLockWaitTimeout()));
        }
        if (p.getLockMode() == null) {
            reject.accept("lockMode", "give one of auto, session, lease");
        }
        if (p.getLeaseExpiry() == null) {
            reject.accept("leaseExpiry", "give a duration, e.g. 30s");
        } else {
            engineCheck("leaseExpiry", reject, b -> b.leaseExpiry(p.getLeaseExpiry()));
        }
        engineCheck("ddlLockTimeout", reject, b -> b.ddlLockTimeout(p.getDdlLockTimeout()));
        engineCheck("ddlLockRetries", reject, b -> b.ddlLockRetries(p.getDdlLockRetries()));
        if (p.getDdlLockRetryDelay() == null) {
            reject.accept("ddlLockRetryDelay", "give a duration, e.g. 5s");
        } else {
            engineCheck("ddlLockRetryDelay", reject, b -> b.ddlLockRetryDelay(p.getDdlLockRetryDelay()));
        }
        engineCheck("statementTimeout", reject, b -> b.statementTimeout(p.getStatementTimeout()));
        if (p.getWaitTimeout() == null || p.getWaitTimeout().isNegative()) {
            reject.accept("waitTimeout", "must not be negative (was " + p.getWaitTimeout() + ")");
        }
        if (p.getWaitPollInterval() == null
                || p.getWaitPollInterval().isNegative()
                || p.getWaitPollInterval().isZero()) {
            reject.accept("waitPollInterval", "must be positive (was " + p.getWaitPollInterval() + ")");
        }
        Duration refresh = p.getMetrics().getRefreshInterval();
        if (refresh == null || refresh.isNegative() || refresh.isZero()) {
            reject.accept("metrics.refreshInterval", "must be positive (was " + refresh + ")");
        }
        MigrationsLintSettings.problems(p.getLint(), reject);
        String down = p.getHealth().getDownStatus();
        if (down == null || !STATUS_CODE.matcher(down).matches()) {
            reject.accept(
                    "health.downStatus", "give a health status code, e.g. DOWN or OUT_OF_SERVICE (was " + down + ")");
        }
    }

    /** Stops the start, before any database is touched, when there are problems (each naming its property). */
    static void refuseUnlessEmpty(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new StartRefusedException(
                    "Invalid migrations settings:\n  " + String.join("\n  ", problems),
                    "Correct the settings named above and restart.");
        }
    }

    private static void engineCheck(
            String field, BiConsumer<String, String> reject, Consumer<MigrationsConfig.Builder> setting) {
        MigrationsConfig.Builder builder = Migrations.configure();
        setting.accept(builder);
        try {
            builder.build();
        } catch (MigrationsException e) {
            reject.accept(field, e.getMessage());
        }
    }

    static String kebab(String field) {
        return field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }
}
