package dev.migrations.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The PostgreSQL server the benchmarks create their databases on, reached through an admin URL.
 *
 * @param adminUrl a JDBC URL of a database to connect to for {@code CREATE/DROP DATABASE}
 * @param user the user, or null
 * @param password the password, or null
 * @param extraParams URL parameters added to every database URL (e.g. {@code options=...}), or ""
 */
record PostgresServer(String adminUrl, String user, String password, String extraParams) {

    /** A connection to {@code db}, or to the admin database when null. */
    Connection connect(String db) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(db == null ? adminUrl : urlFor(db), props);
    }

    /** Runs a statement on the admin database. */
    void adminExecute(String sql) throws SQLException {
        try (Connection connection = connect(null);
                Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** The admin URL with its database replaced (host, port and parameters kept). */
    String urlFor(String db) {
        String prefix = "jdbc:postgresql://";
        int query = adminUrl.indexOf('?', prefix.length());
        int slash = adminUrl.indexOf('/', prefix.length());
        if (slash < 0 || (query >= 0 && slash > query)) {
            slash = query < 0 ? adminUrl.length() : query;
        }
        String params = query < 0 ? "" : adminUrl.substring(query);
        if (!extraParams.isEmpty()) {
            params += (params.isEmpty() ? "?" : "&") + extraParams;
        }
        return adminUrl.substring(0, slash) + "/" + db + params;
    }
}
