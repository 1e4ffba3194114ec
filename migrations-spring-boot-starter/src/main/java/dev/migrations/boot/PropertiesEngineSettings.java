package dev.migrations.boot;

import dev.migrations.EngineSettings;
import dev.migrations.LockMode;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The engine's settings of {@code migrations.*}, or of one {@code migrations.datasources.<name>.*}
 * with what it inherits, read when the engine's configuration is built.
 */
record PropertiesEngineSettings(MigrationsProperties properties) implements EngineSettings {

    @Override
    public List<String> locations() {
        return properties.getLocations();
    }

    @Override
    public String versionTable() {
        return properties.getVersionTable();
    }

    @Override
    public @Nullable String schema() {
        return properties.getSchema();
    }

    @Override
    public boolean transactionPerMigration() {
        return properties.isTransactionPerMigration();
    }

    @Override
    public Duration lockWaitTimeout() {
        return properties.getLockWaitTimeout();
    }

    @Override
    public LockMode lockMode() {
        return properties.getLockMode();
    }

    @Override
    public Duration leaseExpiry() {
        return properties.getLeaseExpiry();
    }

    @Override
    public @Nullable Duration ddlLockTimeout() {
        return properties.getDdlLockTimeout();
    }

    @Override
    public int ddlLockRetries() {
        return properties.getDdlLockRetries();
    }

    @Override
    public Duration ddlLockRetryDelay() {
        return properties.getDdlLockRetryDelay();
    }

    @Override
    public @Nullable Duration statementTimeout() {
        return properties.getStatementTimeout();
    }

    @Override
    public boolean validateChecksums() {
        return properties.isValidateChecksums();
    }

    @Override
    public List<String> javaMigrationPackages() {
        return properties.getJavaPackages();
    }
}
