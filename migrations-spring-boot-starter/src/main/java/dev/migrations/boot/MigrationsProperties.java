package dev.migrations.boot;

import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import dev.migrations.StartMode;
import dev.migrations.adopt.SourceTool;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Settings of the start-up migration, under {@code migrations.*}.
 *
 * <p>The object validates itself when Spring Boot binds it (it is its own {@link Validator}), so a
 * bad value stops the start with the property's name before anything touches the database.
 */
@ConfigurationProperties("migrations")
public class MigrationsProperties extends MigrationsLockProperties implements Validator {

    /** Whether to run the start-up migration. */
    private boolean enabled = true;

    /** Locations of revision scripts, with a 'classpath:' or 'filesystem:' prefix. */
    private List<String> locations = new ArrayList<>(List.of("classpath:db/migrations"));

    /** Target revision: 'head', 'heads', a revision id, a branch label, '<branch>@head', ... */
    private String target = "head";

    /** What to do with the database at start-up. */
    private StartMode mode = StartMode.UPGRADE;

    /** Whether a target below the database's current revision downgrades it (otherwise the start fails). */
    private boolean allowDowngrade = false;

    /**
     * Adopt, at start-up, a database that Flyway or Liquibase migrated and that has no version table yet:
     * its history is checked against the imported revisions and the version table stamped, nothing
     * re-run. Without it such a database fails the start, naming the adopt command.
     */
    private @Nullable SourceTool adopt;

    /**
     * Whether to start although the version table names revisions the scripts do not have (a newer
     * deployment's); the start-up run is then skipped.
     */
    private boolean tolerateUnknownRevisions = false;

    /** Name of the version table. */
    private String versionTable = "alembic_version";

    /** Schema of the version table. Defaults to the connection's schema. */
    private @Nullable String schema;

    /** JDBC URL of the database to migrate, when migrations need their own connection. */
    private @Nullable String url;

    /** User for migrations; alone (without url) it connects to the primary DataSource's URL. */
    private @Nullable String user;

    /** Password of the migrations user. */
    private @Nullable String password;

    /** Whether each revision commits on its own; otherwise the whole run is one transaction. */
    private boolean transactionPerMigration = true;

    /** PostgreSQL lock_timeout for migration statements. Unset keeps the server's. If no unit, seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration ddlLockTimeout;

    /** PostgreSQL statement_timeout for migration statements. Unset keeps the server's. If no unit, seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private @Nullable Duration statementTimeout;

    /** Whether a run refuses applied revisions whose scripts changed since (otherwise it only warns). */
    private boolean validateChecksums = true;

    /**
     * Packages (with subpackages) scanned for Java migrations that are not Spring beans: classes
     * annotated with @Migration and a no-argument constructor. Beans implementing JavaMigration are
     * registered without this.
     */
    private List<String> javaPackages = new ArrayList<>();

    /** With mode 'wait', how long to wait for the database to reach the target. If no unit, seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration waitTimeout = Duration.ofMinutes(10);

    /** With mode 'wait', how often to look at the database. If no unit, seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration waitPollInterval = Duration.ofSeconds(2);

    /** Metrics and the background look at the database that feeds them and the health contributor. */
    private final Metrics metrics = new Metrics();

    /** The 'migrations' health contributor. */
    private final Health health = new Health();

    /** The lint of pending revisions before the start-up upgrade. */
    private final Lint lint = new Lint();

    /** Settings of the start-up lint: checks the revisions an upgrade is about to run. */
    public static class Lint {
        /** Findings at or above which the start stops. */
        public enum FailOn {
            /** Never stop; only log. */
            NONE,
            /** Stop on any finding. */
            INFO,
            /** Stop on warnings and errors. */
            WARNING,
            /** Stop on errors. */
            ERROR
        }

        /**
         * Whether to lint the revisions the start-up upgrade is about to run (mode upgrade), log the
         * findings, and stop the start when one is at or above fail-on.
         */
        private boolean enabled = false;

        /** Findings at or above this severity stop the start: error, warning, info or none (only log). */
        private FailOn failOn = FailOn.ERROR;

        /** Severity by rule id, replacing the rule's default: off, info, warning or error. */
        private Map<String, String> severity = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public FailOn getFailOn() {
            return failOn;
        }

        public void setFailOn(FailOn failOn) {
            this.failOn = failOn;
        }

        public Map<String, String> getSeverity() {
            return severity;
        }

        public void setSeverity(Map<String, String> severity) {
            this.severity = severity;
        }
    }

    /** Settings of the Micrometer meters and of the background refresh of the database's state. */
    public static class Metrics {
        /**
         * How often a background thread reads the database's state (current revision, pending revisions,
         * checksums) for the meters and the health contributor, which never query the database
         * themselves. If no unit is given, seconds.
         */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration refreshInterval = Duration.ofSeconds(30);

        public Duration getRefreshInterval() {
            return refreshInterval;
        }

        public void setRefreshInterval(Duration refreshInterval) {
            this.refreshInterval = refreshInterval;
        }
    }

    /** Settings of the 'migrations' health contributor. */
    public static class Health {
        /**
         * Health status reported when the database is not at the target, the last run failed, an applied
         * script changed or the database names unknown revisions: DOWN or OUT_OF_SERVICE.
         */
        private String downStatus = "DOWN";

        public String getDownStatus() {
            return downStatus;
        }

        public void setDownStatus(String downStatus) {
            this.downStatus = downStatus;
        }
    }

    /**
     * An engine configuration with these settings and no database: add the DataSource and load it.
     * Useful for a second engine over a second DataSource.
     *
     * @param classLoader the class loader for {@code classpath:} locations
     */
    public MigrationsConfig.Builder configure(ClassLoader classLoader) {
        return Migrations.configure().classLoader(classLoader).settings(new PropertiesEngineSettings(this));
    }

    @Override
    public boolean supports(Class<?> type) {
        return MigrationsProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        MigrationsPropertiesCheck.check(
                (MigrationsProperties) target, (field, message) -> errors.rejectValue(field, "invalid", message));
    }

    /** Every problem with these settings, each naming its property; empty when they are valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        MigrationsPropertiesCheck.check(
                this,
                (field, message) ->
                        problems.add("migrations." + MigrationsPropertiesCheck.kebab(field) + ": " + message));
        return problems;
    }

    public List<String> getJavaPackages() {
        return javaPackages;
    }

    public void setJavaPackages(List<String> javaPackages) {
        this.javaPackages = javaPackages;
    }

    public Lint getLint() {
        return lint;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Health getHealth() {
        return health;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public StartMode getMode() {
        return mode;
    }

    public void setMode(StartMode mode) {
        this.mode = mode;
    }

    public @Nullable SourceTool getAdopt() {
        return adopt;
    }

    public void setAdopt(@Nullable SourceTool adopt) {
        this.adopt = adopt;
    }

    public boolean isAllowDowngrade() {
        return allowDowngrade;
    }

    public void setAllowDowngrade(boolean allowDowngrade) {
        this.allowDowngrade = allowDowngrade;
    }

    public boolean isTolerateUnknownRevisions() {
        return tolerateUnknownRevisions;
    }

    public void setTolerateUnknownRevisions(boolean tolerateUnknownRevisions) {
        this.tolerateUnknownRevisions = tolerateUnknownRevisions;
    }

    public String getVersionTable() {
        return versionTable;
    }

    public void setVersionTable(String versionTable) {
        this.versionTable = versionTable;
    }

    public @Nullable String getSchema() {
        return schema;
    }

    public void setSchema(@Nullable String schema) {
        this.schema = schema;
    }

    public @Nullable String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public @Nullable String getUser() {
        return user;
    }

    public void setUser(@Nullable String user) {
        this.user = user;
    }

    public @Nullable String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public boolean isTransactionPerMigration() {
        return transactionPerMigration;
    }

    public void setTransactionPerMigration(boolean transactionPerMigration) {
        this.transactionPerMigration = transactionPerMigration;
    }

    public @Nullable Duration getDdlLockTimeout() {
        return ddlLockTimeout;
    }

    public void setDdlLockTimeout(@Nullable Duration ddlLockTimeout) {
        this.ddlLockTimeout = ddlLockTimeout;
    }

    public @Nullable Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(@Nullable Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public boolean isValidateChecksums() {
        return validateChecksums;
    }

    public void setValidateChecksums(boolean validateChecksums) {
        this.validateChecksums = validateChecksums;
    }

    public Duration getWaitTimeout() {
        return waitTimeout;
    }

    public void setWaitTimeout(Duration waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    public Duration getWaitPollInterval() {
        return waitPollInterval;
    }

    public void setWaitPollInterval(Duration waitPollInterval) {
        this.waitPollInterval = waitPollInterval;
    }
}
