package dev.migrations.runtime;

import dev.migrations.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers shared by the online runner. */
final class JdbcSupport {
    private JdbcSupport() {}

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
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

    static boolean tableExists(Connection connection, Dialect dialect, String schema, String table)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(dialect.tableExists())) {
            ps.setString(1, schema == null ? null : dialect.storedName(schema));
            ps.setString(2, dialect.storedName(table));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
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
}
