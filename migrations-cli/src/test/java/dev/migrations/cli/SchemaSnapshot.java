package dev.migrations.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL database's public schema as text (columns, constraints, indexes, views, functions), the
 * tools' and the engine's own tables left out: two databases built by different tools compare equal when
 * their schemas do.
 */
final class SchemaSnapshot {
    private static final String OWN_TABLES = "'flyway_schema_history', 'databasechangelog', 'databasechangeloglock'";

    private SchemaSnapshot() {}

    static String of(String url) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, TestDatabases.pgUser(), TestDatabases.pgPassword())) {
            query(
                    c,
                    sb,
                    "SELECT table_name, column_name, data_type, is_nullable, column_default"
                            + " FROM information_schema.columns WHERE table_schema = 'public' AND "
                            + notOwn("table_name") + " ORDER BY table_name, ordinal_position");
            query(
                    c,
                    sb,
                    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                            + " WHERE connamespace = 'public'::regnamespace AND "
                            + notOwn("conrelid::regclass::text") + " ORDER BY 1, 2");
            query(
                    c,
                    sb,
                    "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND "
                            + notOwn("tablename") + " ORDER BY 1, 2");
            query(c, sb, "SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1");
            query(
                    c,
                    sb,
                    "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p WHERE p.pronamespace ="
                            + " 'public'::regnamespace ORDER BY 1");
        }
        return sb.toString();
    }

    private static String notOwn(String column) {
        return column + " NOT IN (" + OWN_TABLES + ") AND " + column + " NOT LIKE 'alembic\\_version%'";
    }

    /** The single number a query returns. */
    /** The first column of the query's first row, as text. */
    static String string(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.pgUser(), TestDatabases.pgPassword());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long count(String url, String sql) throws SQLException {
        return Long.parseLong(string(url, sql));
    }

    /** Runs a statement. */
    static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestDatabases.pgUser(), TestDatabases.pgPassword());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void query(Connection c, StringBuilder sb, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    sb.append(rs.getString(i)).append(i == columns ? "\n" : " | ");
                }
            }
        }
    }
}
