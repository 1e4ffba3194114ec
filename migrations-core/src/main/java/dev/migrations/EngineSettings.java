package dev.migrations;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The engine's settings that a front end reads from its own configuration (the Spring Boot starter's
 * {@code migrations.*}, each {@code migrations.datasources.<name>.*}, the command line's options and
 * {@code --config} file), given to {@link MigrationsConfig.Builder#settings} in one call. The database,
 * the class loader, listeners and Java migration instances are not settings: each front end supplies
 * them itself.
 *
 * <pre>{@code
 * record Settings(List<String> locations, String versionTable, ...) implements EngineSettings {}
 * Migrations.configure().settings(settings).dataSource(dataSource).load();
 * }</pre>
 */
public interface EngineSettings {
    /** Where revision scripts live ({@code filesystem:} or {@code classpath:} prefixed). */
    List<String> locations();

    /** The version table's name. */
    String versionTable();

    /** The version table's schema, or null for the connection's. */
    @Nullable
    String schema();

    /** Whether each revision commits on its own (else one transaction per run). */
    boolean transactionPerMigration();

    /** How long to wait for another migrator to finish. */
    Duration lockWaitTimeout();

    /** PostgreSQL {@code lock_timeout} for migration statements, or null to keep the server's. */
    @Nullable
    Duration ddlLockTimeout();

    /** PostgreSQL {@code statement_timeout} for migration statements, or null to keep the server's. */
    @Nullable
    Duration statementTimeout();

    /** Whether a run refuses applied revisions whose scripts changed since. */
    boolean validateChecksums();

    /** Which migration lock PostgreSQL runs take; {@link LockMode#AUTO} unless overridden. */
    default LockMode lockMode() {
        return LockMode.AUTO;
    }

    /** How long a lease outlives its last renewal; 30 s unless overridden. */
    default Duration leaseExpiry() {
        return MigrationsConfig.DEFAULT_LEASE_EXPIRY;
    }

    /**
     * How many more times a transactional revision is tried after a statement failed on {@code
     * lock_timeout}; 0 unless overridden.
     */
    default int ddlLockRetries() {
        return 0;
    }

    /** The wait before the first such retry, doubled for each next one; 5 s unless overridden. */
    default Duration ddlLockRetryDelay() {
        return MigrationsConfig.DEFAULT_DDL_LOCK_RETRY_DELAY;
    }

    /** Packages (with subpackages) scanned for classes annotated with {@code @Migration}. */
    List<String> javaMigrationPackages();
}
