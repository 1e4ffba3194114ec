package dev.migrations.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A PostgreSQL server the kit may create databases on.
 *
 * @param url a JDBC URL of any database on the server
 * @param user the user, allowed to {@code CREATE DATABASE}
 * @param password the password, or null
 * @param source where the server came from, for messages
 */
record PostgresServer(String url, String user, String password, String source) implements Sandbox.Factory {
    static final String PREFIX = "jdbc:postgresql://";

    Connection connect(String jdbcUrl) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** Creates an empty database with a random name; drop it by closing the result. */
    @Override
    public FreshDatabase create() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        String name = "mig_check_" + HexFormat.of().formatHex(bytes);
        try {
            execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create a test database on " + source + " (" + url + "): " + e.getMessage()
                            + "; the migration test kit needs a user with the CREATEDB privilege",
                    e);
        }
        return new FreshDatabase(this, name, withDatabase(url, name));
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(url);
                Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** The JDBC URL of another database on the same server (keeps host, port and parameters). */
    static String withDatabase(String url, String database) {
        int hostStart = PREFIX.length();
        int query = url.indexOf('?', hostStart);
        int hostEnd = url.indexOf('/', hostStart);
        if (hostEnd < 0 || (query >= 0 && hostEnd > query)) {
            hostEnd = query < 0 ? url.length() : query;
        }
        return url.substring(0, hostEnd) + "/" + database + (query < 0 ? "" : url.substring(query));
    }
}
