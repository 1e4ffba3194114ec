package dev.migrations.internal.dialect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A session-level advisory lock whose key derives from the schema and the version table's name. */
final class PostgresAdvisoryLock implements MigrationLock {
    private final String schema;
    private final String table;
    private Long key;

    PostgresAdvisoryLock(String schema, String table) {
        this.schema = schema;
        this.table = table;
    }

    private long key(Connection connection) throws SQLException {
        if (key == null) {
            String resolvedSchema = schema;
            if (resolvedSchema == null) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT current_schema()");
                        ResultSet rs = ps.executeQuery()) {
                    resolvedSchema = rs.next() ? rs.getString(1) : "";
                }
            }
            key = keyFor(resolvedSchema, table);
        }
        return key;
    }

    static long keyFor(String schema, String table) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("migrations:" + schema + "." + table).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean tryAcquire(Connection connection) throws SQLException {
        // A session lock needs no transaction. One left open (a pool handing out auto-commit=false
        // connections) would pin the xmin horizon for the whole run and fall to
        // idle_in_transaction_session_timeout, which ends the session and silently drops the lock.
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key(connection));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public void release(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            ps.setLong(1, key(connection));
            ps.execute();
        }
    }

    @Override
    public String describeHolder(Connection connection) throws SQLException {
        long k = key(connection);
        try (PreparedStatement ps = connection.prepareStatement("SELECT a.pid, a.application_name, a.client_addr"
                + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ?"
                + " AND l.objsubid = 1"
                // Advisory locks are per database, but pg_locks lists every database's.
                + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())")) {
            ps.setLong(1, k >>> 32);
            ps.setLong(2, k & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String app = rs.getString(2);
                String addr = rs.getString(3);
                return "pid " + rs.getInt(1) + (app == null || app.isEmpty() ? "" : ", application '" + app + "'")
                        + (addr == null ? "" : ", from " + addr);
            }
        }
    }
}
