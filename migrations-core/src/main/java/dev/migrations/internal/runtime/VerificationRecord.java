package dev.migrations.internal.runtime;

import dev.migrations.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The row of {@code <version table>_verified} that lets a start at head skip reading the scripts. It
 * says: the scripts with this listing fingerprint (names, sizes, change stamps) were checked against
 * every applied revision's recorded checksum, the database was at their heads, and the newest
 * history row then had this id. It is written by a successful upgrade that ends at the heads, and
 * by a start that found nothing to do after reading and checking everything.
 *
 * <p>It holds only while the history table has no newer row: every step, stamp and recorded checksum
 * adds one. A start whose listing has the same fingerprint, whose version rows are the recorded
 * heads and whose history is unchanged is therefore at head with the scripts already checked.
 */
final class VerificationRecord {
    static final String SUFFIX = "_verified";

    /** What the table holds, and the history table's newest id now. */
    record Claim(String fingerprint, List<String> heads, long historyId, long currentHistoryId) {
        /** Whether the claim is current and covers these scripts at exactly these version rows. */
        boolean verifies(String fingerprint, List<String> rows) {
            return historyId == currentHistoryId && this.fingerprint.equals(fingerprint) && sameSet(heads, rows);
        }
    }

    private VerificationRecord() {}

    /** The newest history id (0 for an empty table); throws when there is no history table. */
    static long latestHistoryId(Connection connection, Dialect dialect, String schema, String table)
            throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT MAX(id) FROM " + dialect.qualified(schema, table + "_history"))) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * The recorded claim with the history's newest id, or null when the table is empty; the caller
     * has checked that the table exists.
     */
    static Claim read(Connection connection, Dialect dialect, String schema, String table) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT fingerprint, heads, history_id, (SELECT MAX(id) FROM "
                        + dialect.qualified(schema, table + "_history") + ") FROM "
                        + dialect.qualified(schema, table + SUFFIX) + " WHERE id = 1")) {
            if (!rs.next()) {
                return null;
            }
            String heads = rs.getString(2);
            return new Claim(
                    rs.getString(1),
                    heads == null || heads.isEmpty() ? List.of() : Arrays.asList(heads.split(",")),
                    rs.getLong(3),
                    rs.getLong(4));
        }
    }

    /**
     * Records the claim (autocommit): the scripts with this fingerprint were checked and the database
     * is at these heads, as of the history row {@code historyId}.
     */
    static void write(
            Connection connection,
            Dialect dialect,
            String schema,
            String table,
            String fingerprint,
            List<String> heads,
            long historyId)
            throws SQLException {
        String qualified = dialect.qualified(schema, table + SUFFIX);
        JdbcSupport.createIfMissing(connection, createTableIfNotExists(dialect, schema, table));
        String joined = String.join(",", heads);
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + qualified
                + " SET fingerprint = ?, heads = ?, history_id = ?, verified_at = CURRENT_TIMESTAMP WHERE id = 1")) {
            update.setString(1, fingerprint);
            update.setString(2, joined);
            update.setLong(3, historyId);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + qualified + " (id, fingerprint, heads, history_id) VALUES (1, ?, ?, ?)")) {
            insert.setString(1, fingerprint);
            insert.setString(2, joined);
            insert.setLong(3, historyId);
            insert.executeUpdate();
        }
    }

    /** The record's table, created with the other state tables on a first run, or on the first write. */
    static String createTableIfNotExists(Dialect dialect, String schema, String table) {
        return "CREATE TABLE IF NOT EXISTS " + dialect.qualified(schema, table + SUFFIX) + " (\n"
                + "    id INT NOT NULL PRIMARY KEY,\n"
                + "    fingerprint VARCHAR(64) NOT NULL,\n"
                + "    heads VARCHAR(1000) NOT NULL,\n"
                + "    history_id BIGINT NOT NULL,\n"
                + "    verified_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL\n"
                + ")";
    }

    static boolean sameSet(List<String> a, List<String> b) {
        Set<String> left = new HashSet<>(a);
        return left.size() == a.size() && left.equals(new HashSet<>(b));
    }
}
