package dev.migrations.internal.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A lease on the version table: one row of {@code <version table>_lock} naming the holder and when
 * the lease expires, taken, renewed and released each in one autocommit statement. Unlike a session
 * lock it needs no server session of its own, so it holds through a transaction-mode pooler; unlike
 * a lock row without an expiry (Liquibase's), a killed holder's lease lapses by itself. Expiry is
 * judged by the server's clock alone, so migrators on hosts with skewed clocks agree.
 *
 * <p>Statements are plain (values as literals, no prepared statements): the driver turns a prepared
 * statement used often into a named server-side one, which a transaction-mode pooler loses between
 * transactions.
 */
final class PostgresLease implements MigrationLock {
    private final String qualified;
    private final String constraint;
    private final String holder;
    private final Duration expiry;
    private final boolean sessionPinned;
    private boolean created;

    /**
     * Creates the lease.
     *
     * @param holder who this process is (host, pid, a run id), recorded in the row
     * @param sessionPinned whether the run's connection was verified to be a server session of its own
     */
    PostgresLease(Dialect dialect, String schema, String table, String holder, Duration expiry, boolean sessionPinned) {
        this.sessionPinned = sessionPinned;
        this.qualified = dialect.qualified(schema, table + "_lock");
        this.constraint = dialect.quote(table + "_lock_pkc");
        this.holder = holder;
        this.expiry = expiry;
    }

    private String until() {
        return "now() + interval '" + expiry.toMillis() + " milliseconds'";
    }

    private String me() {
        return "'" + holder.replace("'", "''") + "'";
    }

    @Override
    public boolean tryAcquire(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            if (!created) {
                create(st);
                created = true;
            }
            // Taken when there is no row, when the row's lease has expired, or when it is already ours.
            try (ResultSet rs = st.executeQuery("INSERT INTO " + qualified
                    + " AS l (id, holder, acquired_at, renewed_at, expires_at) VALUES (1, " + me() + ", now(), now(), "
                    + until() + ") ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, acquired_at ="
                    + " EXCLUDED.acquired_at, renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at"
                    + " WHERE l.expires_at < now() OR l.holder = EXCLUDED.holder RETURNING l.holder")) {
                return rs.next();
            }
        }
    }

    private void create(Statement st) throws SQLException {
        try {
            st.execute("CREATE TABLE IF NOT EXISTS " + qualified + " (\n"
                    + "    id INT NOT NULL,\n"
                    + "    holder VARCHAR(300) NOT NULL,\n"
                    + "    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,\n"
                    + "    renewed_at TIMESTAMP WITH TIME ZONE NOT NULL,\n"
                    + "    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,\n"
                    + "    CONSTRAINT " + constraint + " PRIMARY KEY (id)\n"
                    + ")");
        } catch (SQLException e) {
            // IF NOT EXISTS is not safe against a concurrent creator: the loser finds the table there.
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    @Override
    public boolean renew(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            return st.executeUpdate("UPDATE " + qualified + " SET renewed_at = now(), expires_at = " + until()
                            + " WHERE id = 1 AND holder = " + me())
                    == 1;
        }
    }

    @Override
    public void release(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.executeUpdate("DELETE FROM " + qualified + " WHERE id = 1 AND holder = " + me());
        }
    }

    @Override
    public String describeHolder(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT holder, CAST(CEIL(EXTRACT(EPOCH FROM expires_at - now()))"
                        + " AS BIGINT) FROM " + qualified + " WHERE id = 1")) {
            if (!rs.next()) {
                return null;
            }
            long seconds = rs.getLong(2);
            return rs.getString(1)
                    + (seconds > 0
                            ? ", lease expires in " + seconds + " s unless renewed"
                            : ", lease expired " + -seconds + " s ago");
        }
    }

    @Override
    public Duration expiry() {
        return expiry;
    }

    @Override
    public boolean sessionPinned() {
        return sessionPinned;
    }
}
