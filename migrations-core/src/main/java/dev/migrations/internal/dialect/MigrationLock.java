package dev.migrations.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;

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
}
