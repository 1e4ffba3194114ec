package dev.migrations.internal.runtime;

import dev.migrations.LockTimeoutException;
import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.dialect.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work done while this process holds the migration lock: taken in a bounded loop on a connection of
 * its own, with a log line naming the holder while it waits, and released in {@code finally}.
 */
final class LockedSection {
    private static final Logger LOG = LoggerFactory.getLogger(LockedSection.class);
    private static final long LOCK_POLL_MILLIS = 200;
    private static final long LOCK_LOG_MILLIS = 10_000;

    private final MigrationsConfig config;
    private final Listeners listeners;
    private final Supplier<Connection> connect;

    /**
     * Creates the section.
     *
     * @param connect opens a connection, failing with the engine's message
     */
    LockedSection(MigrationsConfig config, Listeners listeners, Supplier<Connection> connect) {
        this.config = config;
        this.listeners = listeners;
        this.connect = connect;
    }

    /** Work done on a connection while the lock is held. */
    interface Work<T> {
        T run(Connection connection, Dialect dialect, HeldLock held) throws SQLException;
    }

    /** Runs the work on a connection of its own while the migration lock is held on another. */
    <T> T underLock(Work<T> work) throws SQLException {
        try (Connection connection = connect.get()) {
            return underLock(connection, work);
        }
    }

    /**
     * Runs the work on {@code connection} while the migration lock is held on a connection opened for
     * it. A transaction the connection has open (a pool handing out connections without autocommit)
     * ends first: locks its reads hold must not block the migrator whose lock this run waits for.
     */
    <T> T underLock(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(true);
        try (Connection lockConnection = connect.get()) {
            Dialect dialect = OnlineRunner.dialectOf(connection);
            MigrationLock lock = dialect.lock(
                    config.schema(),
                    config.versionTable(),
                    config.lockMode(),
                    config.leaseExpiry(),
                    lockConnection,
                    connection);
            long start = System.nanoTime();
            acquire(lock, lockConnection);
            listeners.lockAcquired(config.versionTable(), Duration.ofNanos(System.nanoTime() - start));
            try {
                if (lock.expiry() == null) {
                    return work.run(connection, dialect, HeldLock.SESSION);
                }
                try (LeaseHeartbeat heartbeat =
                        new LeaseHeartbeat(lock, lockConnection, config.versionTable(), lock.expiry())) {
                    return work.run(connection, dialect, heartbeat);
                }
            } finally {
                release(lock, lockConnection);
            }
        }
    }

    private void acquire(MigrationLock lock, Connection lockConnection) throws SQLException {
        long startNanos = System.nanoTime();
        long timeoutNanos = config.lockWaitTimeout().toNanos();
        long nextLog = 0;
        while (!lock.tryAcquire(lockConnection)) {
            long waited = System.nanoTime() - startNanos;
            String holder = lock.describeHolder(lockConnection);
            if (waited >= timeoutNanos) {
                throw new LockTimeoutException("Timed out after " + format(config.lockWaitTimeout())
                        + " waiting for the migration lock on " + config.versionTable()
                        + (holder == null ? "" : " (held by " + holder + ")")
                        + "; another migrator is still running. Wait for it, stop it, or raise the wait with"
                        + " migrations.lock-wait-timeout (CLI: --lock-wait-timeout)");
            }
            // The holder can be gone between the failed try and the question: say whom we wait for, and
            // log without a holder only after a second.
            if (waited / 1_000_000 >= nextLog && (holder != null || waited >= 1_000_000_000L)) {
                LOG.info(
                        "Waiting for the migration lock on {}{}; another migrator is running",
                        config.versionTable(),
                        holder == null ? "" : " held by " + holder);
                nextLog += LOCK_LOG_MILLIS;
            }
            try {
                Thread.sleep(Math.min(LOCK_POLL_MILLIS, Math.max(1, (timeoutNanos - waited) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrationsException("Interrupted while waiting for the migration lock", e);
            }
        }
    }

    private static void release(MigrationLock lock, Connection lockConnection) {
        try {
            lock.release(lockConnection);
        } catch (SQLException e) {
            // Closing the lock connection releases a session lock anyway.
            LOG.warn("Could not release the migration lock: {}", e.getMessage());
        }
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
