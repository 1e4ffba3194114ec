package dev.migrations.internal.runtime;

import dev.migrations.MigrationsException;
import dev.migrations.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Checks, before a run creates or writes anything, that existing version and history tables are
 * this tool's (or Alembic's): a table of another tool under the configured name is reported with
 * the setting to change, instead of a bare "column does not exist" after half the bookkeeping ran.
 */
final class StateTables {
    private StateTables() {}

    /** What exists, as found before the run. */
    record Found(boolean versionTable, boolean historyTable) {
        /** Whether the run will create a table. */
        boolean creates() {
            return !versionTable || !historyTable;
        }
    }

    static Found verify(Connection connection, Dialect dialect, String schema, String table) throws SQLException {
        boolean version = JdbcSupport.tableExists(connection, dialect, schema, table);
        boolean history = JdbcSupport.tableExists(connection, dialect, schema, table + "_history");
        if (version) {
            probe(
                    connection,
                    "SELECT version_num FROM " + dialect.qualified(schema, table) + " WHERE 1 = 0",
                    dialect.qualified(schema, table),
                    "a version table (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
        }
        if (history) {
            probe(
                    connection,
                    "SELECT revision, direction, from_revisions, to_revisions, checksum, applied_at, duration_ms,"
                            + " applied_by FROM " + dialect.qualified(schema, table + "_history") + " WHERE 1 = 0",
                    dialect.qualified(schema, table + "_history"),
                    "this tool's history table");
        }
        return new Found(version, history);
    }

    private static void probe(Connection connection, String sql, String name, String expected) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.executeQuery(sql).close();
        } catch (SQLException e) {
            if (!"42703".equals(e.getSQLState())) {
                throw e;
            }
            String message =
                    e.getMessage() == null ? "" : e.getMessage().strip().split("\n", 2)[0];
            throw new MigrationsException("The table " + name + " exists but is not " + expected + ": " + message
                    + " [SQLState 42703]. It belongs to something else: point --version-table (migrations"
                    + ".version-table) and --schema (migrations.schema) at this tool's tables, or rename the other"
                    + " table. Nothing was changed.");
        }
    }
}
