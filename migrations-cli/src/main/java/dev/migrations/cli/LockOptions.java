package dev.migrations.cli;

import picocli.CommandLine.Option;

/** The migration lock and the timeouts of migration statements: options of every command that migrates. */
final class LockOptions {
    @Option(
            names = "--lock-wait-timeout",
            paramLabel = "DURATION",
            description = "How long to wait for another migrator holding the migration lock, e.g. 30s, 10m"
                    + " (default: migrations.lock-wait-timeout, else 10m).")
    String lockWaitTimeout;

    @Option(
            names = "--lock-mode",
            paramLabel = "MODE",
            description = "Migration lock on PostgreSQL: auto (the session lock on a direct connection, a lease behind"
                    + " a pooler such as PgBouncer), session or lease (default: migrations.lock-mode, else auto).")
    String lockMode;

    @Option(
            names = "--lease-expiry",
            paramLabel = "DURATION",
            description = "How long a lease outlives its holder's last renewal, renewed every third of it: what a"
                    + " killed migrator costs the next (default: migrations.lease-expiry, else 30s).")
    String leaseExpiry;

    @Option(
            names = "--ddl-lock-timeout",
            paramLabel = "DURATION",
            description = "PostgreSQL lock_timeout for migration statements, e.g. 5s, so DDL waiting for a lock"
                    + " fails instead of stalling traffic (default: migrations.ddl-lock-timeout, else the server's).")
    String ddlLockTimeout;

    @Option(
            names = "--ddl-lock-retries",
            paramLabel = "N",
            description = "How many more times a transactional revision is tried (rolled back, after a pause) when a"
                    + " statement gives up waiting for a lock, e.g. 5 with --ddl-lock-timeout 2s (default:"
                    + " migrations.ddl-lock-retries, else 0).")
    String ddlLockRetries;

    @Option(
            names = "--ddl-lock-retry-delay",
            paramLabel = "DURATION",
            description = "The pause before the first such retry, doubled for each next one up to 1m (default:"
                    + " migrations.ddl-lock-retry-delay, else 5s).")
    String ddlLockRetryDelay;

    @Option(
            names = "--statement-timeout",
            paramLabel = "DURATION",
            description = "PostgreSQL statement_timeout for migration statements (default:"
                    + " migrations.statement-timeout, else the server's).")
    String statementTimeout;
}
