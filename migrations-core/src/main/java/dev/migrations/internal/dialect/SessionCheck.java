package dev.migrations.internal.dialect;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a PostgreSQL connection is a server session of its own. The driver learns its backend's
 * process id from the server's greeting; a pooler greets the client itself with a key of its own
 * (PgBouncer: random), so the id the driver knows equals {@code pg_backend_pid()} only when the
 * client talks to its backend directly. Comparing backend ids across transactions would not tell: an
 * idle transaction-mode pool hands the same server connection back to the same client.
 *
 * <p>The driver is reached by reflection: the engine does not depend on pgjdbc, and with another
 * driver (or a wrapper that hides it) the session cannot be verified, which counts as not pinned.
 */
final class SessionCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SessionCheck.class);
    private static final String PG_CONNECTION = "org.postgresql.PGConnection";

    private SessionCheck() {}

    /** Whether the connection is verified to be its backend's only client. */
    static boolean pinned(Connection connection) throws SQLException {
        Class<?> type = pgType(connection);
        if (type == null || !connection.isWrapperFor(type)) {
            return false;
        }
        int known;
        try {
            known = (Integer) type.getMethod("getBackendPID").invoke(connection.unwrap(type));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not ask the driver for its backend id: {}", e.toString());
            return false;
        }
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            return rs.next() && rs.getInt(1) == known;
        }
    }

    /**
     * Keeps the driver from turning often-used prepared statements into named server-side ones, which
     * a transaction-mode pooler before PgBouncer 1.21 loses between transactions ("prepared statement
     * S_1 does not exist"). Best effort: without pgjdbc there is nothing to change.
     */
    static void unprepared(Connection connection) throws SQLException {
        Class<?> type = pgType(connection);
        if (type == null || !connection.isWrapperFor(type)) {
            return;
        }
        try {
            Method set = type.getMethod("setPrepareThreshold", int.class);
            set.invoke(connection.unwrap(type), 0);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not turn off server-side prepared statements: {}", e.toString());
        }
    }

    private static Class<?> pgType(Connection connection) {
        try {
            return Class.forName(PG_CONNECTION, false, connection.getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
