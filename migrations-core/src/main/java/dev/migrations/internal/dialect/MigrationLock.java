package dev.migrations.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The lock that lets one migrator at a time work on a database and version table. It lives on its
 * own connection, so the migration connection's transactions do not affect it.
 */
public interface MigrationLock {
    /**
     * Tries once to take the lock.
     *
     * @return true when taken
     */
    boolean tryAcquire(Connection lockConnection) throws SQLException;

    /** Releases the lock; called on every path once it was taken. */
    void release(Connection lockConnection) throws SQLException;

    /** Who holds the lock (process id and application name), for the waiting message; null if unknown. */
    String describeHolder(Connection lockConnection) throws SQLException;

    /**
     * How long the lock outlives its holder's last renewal, for a lock that must be renewed (a lease);
     * null for a lock held as long as its connection (nothing to renew).
     */
    default Duration expiry() {
        return null;
    }

    /**
     * Renews a lease in a transaction of its own.
     *
     * @return false when the lease is no longer this holder's (it expired and another migrator took it)
     */
    default boolean renew(Connection lockConnection) throws SQLException {
        return true;
    }

    /**
     * Whether the run's connection is a server session of its own, so session settings ({@code SET
     * lock_timeout}) stay on it; false behind a transaction-mode pooler, where they must be set per
     * transaction.
     */
    default boolean sessionPinned() {
        return true;
    }
}
