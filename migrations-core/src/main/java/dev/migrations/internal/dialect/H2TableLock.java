package dev.migrations.internal.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * H2 has no advisory locks: the lock is a row of a one-row table, locked with
 * {@code SELECT ... FOR UPDATE} in a transaction held open on the lock connection.
 */
final class H2TableLock implements MigrationLock {
    private static final int LOCK_TIMEOUT_ERROR = 50200;

    private final String lockTable;
    private int sessionLockTimeout = -1;

    H2TableLock(String lockTable) {
        this.lockTable = lockTable;
    }

    @Override
    public boolean tryAcquire(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + lockTable + " (id INT PRIMARY KEY)");
            st.execute("MERGE INTO " + lockTable + " KEY (id) VALUES (1)");
            if (sessionLockTimeout < 0) {
                try (ResultSet rs = st.executeQuery("CALL LOCK_TIMEOUT()")) {
                    sessionLockTimeout = rs.next() ? rs.getInt(1) : 0;
                }
            }
            st.execute("SET LOCK_TIMEOUT 200");
        } catch (SQLException e) {
            // Another session's DDL holds H2's catalog (its migration, or a tenant's next door): busy,
            // like a held lock, so the caller waits and tries again.
            if (e.getErrorCode() == LOCK_TIMEOUT_ERROR) {
                return false;
            }
            throw e;
        }
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.executeQuery("SELECT id FROM " + lockTable + " WHERE id = 1 FOR UPDATE")
                    .close();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            connection.setAutoCommit(true);
            if (e.getErrorCode() == LOCK_TIMEOUT_ERROR) {
                return false;
            }
            throw e;
        } finally {
            // The short timeout is for the lock row only; the run's DDL waits for H2's catalog (held by
            // a neighbour's DDL, a tenant in another schema say) as long as the session otherwise would.
            try (Statement st = connection.createStatement()) {
                st.execute("SET LOCK_TIMEOUT " + sessionLockTimeout);
            }
        }
    }

    @Override
    public void release(Connection connection) throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
    }

    @Override
    public String describeHolder(Connection connection) {
        return null;
    }
}
