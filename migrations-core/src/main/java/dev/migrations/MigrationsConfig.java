package dev.migrations;

import dev.migrations.spi.JavaMigration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * How the engine finds its scripts, where it keeps its state and how it runs.
 *
 * @param locations where revision scripts live ({@code filesystem:} or {@code classpath:} prefixed)
 * @param classLoader the class loader for {@code classpath:} locations
 * @param dialect the database offline scripts are rendered for ({@code postgresql} or {@code h2});
 *     online runs use the connected database's
 * @param versionTable the version table's name
 * @param schema the version table's schema, or null for the connection's default schema
 * @param transactionPerMigration whether each revision commits on its own (else one transaction per run)
 * @param dataSource the database to migrate, or null for offline use only
 * @param lockWaitTimeout how long to wait for another migrator to finish
 * @param ddlLockTimeout PostgreSQL {@code lock_timeout} for migration statements, or null to leave it
 * @param statementTimeout PostgreSQL {@code statement_timeout} for migration statements, or null
 * @param validateChecksums whether a run refuses applied revisions whose scripts changed since
 * @param listeners hear what online runs do (metrics, monitoring)
 * @param javaMigrations Java migrations given as instances (e.g. Spring beans)
 * @param javaMigrationPackages packages (with subpackages) scanned for classes annotated with {@code
 *     @Migration}, loaded with {@code classLoader}
 * @param lockMode which migration lock PostgreSQL runs take (see {@link LockMode})
 * @param leaseExpiry how long a lease outlives its last renewal; renewed every third of it
 * @param ddlLockRetries how many more times a revision is tried after a statement of it failed on
 *     {@code lock_timeout} (SQLState 55P03), rolled back whole; 0 fails at once
 * @param ddlLockRetryDelay the wait before the first retry, doubled for each next one, at most {@link
 *     #MAX_DDL_LOCK_RETRY_DELAY} (or this delay, when longer)
 */
public record MigrationsConfig(
        List<String> locations,
        ClassLoader classLoader,
        String dialect,
        String versionTable,
        @Nullable String schema,
        boolean transactionPerMigration,
        @Nullable DataSource dataSource,
        Duration lockWaitTimeout,
        @Nullable Duration ddlLockTimeout,
        @Nullable Duration statementTimeout,
        boolean validateChecksums,
        List<MigrationListener> listeners,
        List<JavaMigration> javaMigrations,
        List<String> javaMigrationPackages,
        LockMode lockMode,
        Duration leaseExpiry,
        int ddlLockRetries,
        Duration ddlLockRetryDelay) {
    /** Default location of revision scripts for the command line. */
    public static final String DEFAULT_LOCATION = "filesystem:db/migrations";
    /** Default version table, as Alembic names it. */
    public static final String DEFAULT_VERSION_TABLE = "alembic_version";
    /** Default wait for another migrator. */
    public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofMinutes(10);
    /** Default lease expiry: a killed migrator blocks others for at most this long. */
    public static final Duration DEFAULT_LEASE_EXPIRY = Duration.ofSeconds(30);
    /** Default wait before the first retry of a revision that timed out waiting for a lock. */
    public static final Duration DEFAULT_DDL_LOCK_RETRY_DELAY = Duration.ofSeconds(5);
    /** The doubling of the retry delay stops here: traffic peaks pass, a deploy should not sleep for hours. */
    public static final Duration MAX_DDL_LOCK_RETRY_DELAY = Duration.ofMinutes(1);

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,54}");

    /** Validates and copies. */
    public MigrationsConfig {
        locations = List.copyOf(locations);
        if (locations.isEmpty()) {
            throw new MigrationsException("No script locations configured; give at least one location");
        }
        Objects.requireNonNull(classLoader, "classLoader");
        Objects.requireNonNull(dialect, "dialect");
        if (!TABLE_NAME.matcher(versionTable).matches()) {
            throw new MigrationsException("Version table name '" + versionTable
                    + "' is not a plain identifier; use letters, digits and '_' (at most 55 characters)");
        }
        if (schema != null && schema.isEmpty()) {
            schema = null;
        }
        if (schema != null && !TABLE_NAME.matcher(schema).matches()) {
            throw new MigrationsException("Schema name '" + schema
                    + "' is not a plain identifier; use letters, digits and '_' (at most 55 characters)");
        }
        Objects.requireNonNull(lockWaitTimeout, "lockWaitTimeout");
        requireNonNegative("lock wait timeout", lockWaitTimeout);
        requireNonNegative("DDL lock timeout", ddlLockTimeout);
        requireNonNegative("statement timeout", statementTimeout);
        Objects.requireNonNull(lockMode, "lockMode");
        Objects.requireNonNull(leaseExpiry, "leaseExpiry");
        if (leaseExpiry.compareTo(Duration.ofSeconds(1)) < 0) {
            // Renewed every third of it: below a second the heartbeat would race its own round trips.
            throw new MigrationsException("The lease expiry must be at least 1s (was " + leaseExpiry + ")");
        }
        if (ddlLockRetries < 0) {
            throw new MigrationsException("The DDL lock retries must not be negative (was " + ddlLockRetries + ")");
        }
        Objects.requireNonNull(ddlLockRetryDelay, "ddlLockRetryDelay");
        requireNonNegative("DDL lock retry delay", ddlLockRetryDelay);
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        javaMigrations = javaMigrations == null ? List.of() : List.copyOf(javaMigrations);
        javaMigrationPackages = javaMigrationPackages == null ? List.of() : List.copyOf(javaMigrationPackages);
    }

    private static void requireNonNegative(String what, @Nullable Duration value) {
        if (value != null && value.isNegative()) {
            throw new MigrationsException("The " + what + " must not be negative (was " + value + ")");
        }
    }

    /**
     * This configuration over another database: the given DataSource, with the version table in the
     * given schema, and no listeners (they describe this configuration's database); every other setting
     * stays.
     *
     * @param otherSchema the version table's schema, or null for the connection's default schema
     */
    public MigrationsConfig on(DataSource otherDataSource, @Nullable String otherSchema) {
        return new MigrationsConfig(
                locations,
                classLoader,
                dialect,
                versionTable,
                otherSchema,
                transactionPerMigration,
                Objects.requireNonNull(otherDataSource, "dataSource"),
                lockWaitTimeout,
                ddlLockTimeout,
                statementTimeout,
                validateChecksums,
                List.of(),
                javaMigrations,
                javaMigrationPackages,
                lockMode,
                leaseExpiry,
                ddlLockRetries,
                ddlLockRetryDelay);
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a configuration; every setting has a default. */
    public static final class Builder {
        private List<String> locations = List.of(DEFAULT_LOCATION);
        private ClassLoader classLoader = Migrations.class.getClassLoader();
        private String dialect = "postgresql";
        private String versionTable = DEFAULT_VERSION_TABLE;
        private @Nullable String schema;
        private boolean transactionPerMigration = true;
        private @Nullable DataSource dataSource;
        private Duration lockWaitTimeout = DEFAULT_LOCK_WAIT_TIMEOUT;
        private @Nullable Duration ddlLockTimeout;
        private @Nullable Duration statementTimeout;
        private boolean validateChecksums = true;
        private final List<MigrationListener> listeners = new ArrayList<>();
        private final List<JavaMigration> javaMigrations = new ArrayList<>();
        private final List<String> javaMigrationPackages = new ArrayList<>();
        private LockMode lockMode = LockMode.AUTO;
        private Duration leaseExpiry = DEFAULT_LEASE_EXPIRY;
        private int ddlLockRetries;
        private Duration ddlLockRetryDelay = DEFAULT_DDL_LOCK_RETRY_DELAY;

        private Builder() {}

        /** Where revision scripts live; replaces the default. */
        public Builder locations(String... values) {
            return locations(Arrays.asList(values));
        }

        /** Where revision scripts live; replaces the default. */
        public Builder locations(List<String> values) {
            this.locations = new ArrayList<>(values);
            return this;
        }

        /**
         * Every setting of {@code settings}, replacing what was set before (the Java migration packages
         * too); the database, class loader, listeners and Java migration instances stay as they are.
         */
        public Builder settings(EngineSettings settings) {
            locations(settings.locations());
            versionTable(settings.versionTable());
            schema(settings.schema());
            transactionPerMigration(settings.transactionPerMigration());
            lockWaitTimeout(settings.lockWaitTimeout());
            ddlLockTimeout(settings.ddlLockTimeout());
            statementTimeout(settings.statementTimeout());
            validateChecksums(settings.validateChecksums());
            lockMode(settings.lockMode());
            leaseExpiry(settings.leaseExpiry());
            ddlLockRetries(settings.ddlLockRetries());
            ddlLockRetryDelay(settings.ddlLockRetryDelay());
            this.javaMigrationPackages.clear();
            return javaMigrationPackages(settings.javaMigrationPackages());
        }

        /** The class loader for {@code classpath:} locations. */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = value;
            return this;
        }

        /** The database offline scripts are rendered for: {@code postgresql} (default) or {@code h2}. */
        public Builder dialect(String value) {
            this.dialect = value;
            return this;
        }

        /** The version table's name (default {@code alembic_version}). */
        public Builder versionTable(String value) {
            this.versionTable = value;
            return this;
        }

        /** The version table's schema (default: the connection's). */
        public Builder schema(@Nullable String value) {
            this.schema = value;
            return this;
        }

        /** Whether each revision commits on its own (default true) or the whole run is one transaction. */
        public Builder transactionPerMigration(boolean value) {
            this.transactionPerMigration = value;
            return this;
        }

        /** The database to migrate. */
        public Builder dataSource(@Nullable DataSource value) {
            this.dataSource = value;
            return this;
        }

        /** The database to migrate, by JDBC URL; a connection is opened for each command. */
        public Builder url(String url, @Nullable String user, @Nullable String password) {
            this.dataSource = new DriverManagerDataSource(url, user, password);
            return this;
        }

        /** How long to wait for another migrator (default 10 minutes). */
        public Builder lockWaitTimeout(Duration value) {
            this.lockWaitTimeout = value;
            return this;
        }

        /** PostgreSQL {@code lock_timeout} for migration statements (default: the server's). */
        public Builder ddlLockTimeout(@Nullable Duration value) {
            this.ddlLockTimeout = value;
            return this;
        }

        /** PostgreSQL {@code statement_timeout} for migration statements (default: the server's). */
        public Builder statementTimeout(@Nullable Duration value) {
            this.statementTimeout = value;
            return this;
        }

        /**
         * How many more times a revision is tried after one of its statements failed on {@code
         * lock_timeout} (default 0: the run fails at once). Only a revision whose transaction the
         * rollback undoes whole is tried again; the migration lock stays held meanwhile.
         */
        public Builder ddlLockRetries(int value) {
            this.ddlLockRetries = value;
            return this;
        }

        /** The wait before the first retry (default 5 s), doubled for each next one up to a minute. */
        public Builder ddlLockRetryDelay(Duration value) {
            this.ddlLockRetryDelay = value;
            return this;
        }

        /** Which migration lock PostgreSQL runs take (default {@link LockMode#AUTO}). */
        public Builder lockMode(LockMode value) {
            this.lockMode = value;
            return this;
        }

        /** How long a lease outlives its last renewal (default 30 s); renewed every third of it. */
        public Builder leaseExpiry(Duration value) {
            this.leaseExpiry = value;
            return this;
        }

        /** Whether runs refuse applied revisions whose scripts changed (default true). */
        public Builder validateChecksums(boolean value) {
            this.validateChecksums = value;
            return this;
        }

        /** Adds a listener that hears what online runs do. */
        public Builder listener(MigrationListener value) {
            this.listeners.add(value);
            return this;
        }

        /** Adds Java migrations given as instances (e.g. Spring beans using injected services). */
        public Builder javaMigrations(JavaMigration... values) {
            return javaMigrations(Arrays.asList(values));
        }

        /** Adds Java migrations given as instances. */
        public Builder javaMigrations(List<? extends JavaMigration> values) {
            this.javaMigrations.addAll(values);
            return this;
        }

        /**
         * Adds packages (with their subpackages) to scan, with the configured class loader, for classes
         * annotated with {@code @Migration}; each needs a no-argument constructor.
         */
        public Builder javaMigrationPackages(String... values) {
            return javaMigrationPackages(Arrays.asList(values));
        }

        /** Adds packages to scan for Java migrations. */
        public Builder javaMigrationPackages(List<String> values) {
            this.javaMigrationPackages.addAll(values);
            return this;
        }

        /** The configuration. */
        public MigrationsConfig build() {
            return new MigrationsConfig(
                    locations,
                    classLoader,
                    dialect,
                    versionTable,
                    schema,
                    transactionPerMigration,
                    dataSource,
                    lockWaitTimeout,
                    ddlLockTimeout,
                    statementTimeout,
                    validateChecksums,
                    listeners,
                    javaMigrations,
                    javaMigrationPackages,
                    lockMode,
                    leaseExpiry,
                    ddlLockRetries,
                    ddlLockRetryDelay);
        }

        /** Builds the configuration and loads the engine. */
        public Migrations load() {
            return Migrations.load(build());
        }
    }
}
