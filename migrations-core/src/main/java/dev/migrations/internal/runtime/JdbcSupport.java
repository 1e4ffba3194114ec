package dev.migrations.internal.runtime;

import dev.migrations.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small JDBC helpers shared by the online runner. */
final class JdbcSupport {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSupport.class);

    private JdbcSupport() {}

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    static void executeAll(Connection connection, List<String> statements) throws SQLException {
        for (String sql : statements) {
            execute(connection, sql);
        }
    }

    static List<String> readRows(Connection connection, Dialect dialect, String schema, String table)
            throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(dialect.selectVersions(schema, table))) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** The table lock and the read of the rows in one round trip (the lock's result is an update count). */
    static List<String> lockAndReadRows(
            Connection connection, Dialect dialect, String schema, String table, String lock) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            boolean resultSet = st.execute(lock + "; " + dialect.selectVersions(schema, table));
            while (!resultSet && st.getUpdateCount() != -1) {
                resultSet = st.getMoreResults();
            }
            if (!resultSet) {
                throw new SQLException("no rows from the version table after " + lock);
            }
            try (ResultSet rs = st.getResultSet()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    static boolean tableExists(Connection connection, Dialect dialect, String schema, String table)
            throws SQLException {
        return dialect.tableExists(connection, schema, table);
    }

    /** The checksum last recorded for each revision (empty without a history table). */
    static Map<String, String> recordedChecksums(Connection connection, Dialect dialect, String schema, String table)
            throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        if (!tableExists(connection, dialect, schema, table + "_history")) {
            return result;
        }
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(dialect.selectRecordedChecksums(schema, table))) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getString(2));
            }
        }
        return result;
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS} is not safe against a concurrent creator on PostgreSQL (it can
     * fail on the catalog's unique index); without the session lock (a transaction-mode pooler) two
     * first runs may race, and the loser finds the table there, which is all it wanted.
     */
    static void createIfMissing(Connection connection, String sql) throws SQLException {
        try {
            execute(connection, sql);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
            LOG.debug("Table created concurrently by another migrator: {}", e.getMessage());
        }
    }

    /** Which of the tables exist, in one round trip where the dialect can. */
    static boolean[] tablesExist(Connection connection, Dialect dialect, String schema, String... tables)
            throws SQLException {
        boolean[] result = new boolean[tables.length];
        String sql = dialect.tablesExist(tables.length);
        if (sql == null) {
            for (int i = 0; i < tables.length; i++) {
                result[i] = tableExists(connection, dialect, schema, tables[i]);
            }
            return result;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < tables.length; i++) {
                ps.setString(2 * i + 1, schema == null ? null : dialect.storedName(schema));
                ps.setString(2 * i + 2, dialect.storedName(tables[i]));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                for (int i = 0; i < tables.length; i++) {
                    result[i] = rs.getBoolean(i + 1);
                }
            }
        }
        return result;
    }

    /**
     * Creates the tables that are missing; where DDL is transactional, in one transaction (one commit
     * for a first run's tables instead of one each), else, or if that fails (a concurrent creator),
     * one by one with {@link #createIfMissing}.
     */
    static void createAllIfMissing(Connection connection, Dialect dialect, List<String> statements)
            throws SQLException {
        if (dialect.transactionalDdl() && statements.size() > 1) {
            connection.setAutoCommit(false);
            try {
                for (String sql : statements) {
                    execute(connection, sql);
                }
                connection.commit();
                return;
            } catch (SQLException e) {
                connection.rollback();
                LOG.debug("Creating the state tables together failed, creating them one by one: {}", e.getMessage());
            } finally {
                connection.setAutoCommit(true);
            }
        }
        for (String sql : statements) {
            createIfMissing(connection, sql);
        }
    }

    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** One row of the history table. */
    record HistoryRow(
            String revision, String direction, String from, String to, String checksum, long durationMs, String user) {}

    static void insertHistory(Connection connection, Dialect dialect, String schema, String table, HistoryRow row)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(dialect.insertHistory(schema, table))) {
            ps.setString(1, row.revision());
            ps.setString(2, row.direction());
            ps.setString(3, row.from());
            ps.setString(4, row.to());
            if (row.checksum() == null) {
                ps.setNull(5, java.sql.Types.VARCHAR);
            } else {
                ps.setString(5, row.checksum());
            }
            ps.setLong(6, row.durationMs());
            ps.setString(7, row.user());
            ps.executeUpdate();
        }
    }

    /**
     * The history insert with its values as literals, so that it can join a batch; null (use the
     * prepared statement) if the dialect's statement is not the expected shape or a value holds a
     * backslash (whose meaning in a literal depends on server settings). {@code durationMs} is SQL: a
     * number, or an expression the server computes.
     */
    static String literalHistoryInsert(
            Dialect dialect, String schema, String table, HistoryRow row, String durationMs) {
        String sql = dialect.insertHistory(schema, table);
        String placeholders = "(?, ?, ?, ?, ?, ?, ?)";
        List<String> strings = java.util.Arrays.asList(
                row.revision(), row.direction(), row.from(), row.to(), row.checksum(), row.user());
        if (!sql.endsWith(placeholders)
                || strings.stream().anyMatch(value -> value != null && value.indexOf('\\') >= 0)) {
            return null;
        }
        return sql.substring(0, sql.length() - placeholders.length()) + "(" + literal(row.revision()) + ", "
                + literal(row.direction()) + ", " + literal(row.from()) + ", " + literal(row.to()) + ", "
                + literal(row.checksum()) + ", " + durationMs + ", " + literal(row.user()) + ")";
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }
}
