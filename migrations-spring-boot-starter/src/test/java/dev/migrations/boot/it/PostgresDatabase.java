package dev.migrations.boot.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh PostgreSQL database owned by one test: {@code CREATE DATABASE} on the server named by
 * {@code MIGRATIONS_TEST_JDBC_URL} (user {@code MIGRATIONS_TEST_USER}, password {@code
 * MIGRATIONS_TEST_PASSWORD}), else {@code localhost:5432} as {@code postgres}; dropped {@code WITH
 * (FORCE)} on close.
 */
final class PostgresDatabase implements AutoCloseable {
    private static final String ADMIN_URL =
            env("MIGRATIONS_TEST_JDBC_URL", "jdbc:postgresql://localhost:5432/postgres");
    private static final String USER = env("MIGRATIONS_TEST_USER", "postgres");
    private static final String PASSWORD = env("MIGRATIONS_TEST_PASSWORD", null);

    private final String name;
    private final String url;

    private PostgresDatabase(String name, String url) {
        this.name = name;
        this.url = url;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static PostgresDatabase create() throws SQLException {
        String name = "mig_boot_" + HexFormat.of().formatHex(randomBytes());
        try (Connection admin = connect(ADMIN_URL);
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new SQLException(
                    "These integration tests need PostgreSQL: start one on localhost:5432 (user postgres, trust auth)"
                            + " or set MIGRATIONS_TEST_JDBC_URL (and MIGRATIONS_TEST_USER / MIGRATIONS_TEST_PASSWORD)."
                            + " Tried " + ADMIN_URL + ": " + e.getMessage(),
                    e.getSQLState(),
                    e);
        }
        return new PostgresDatabase(name, withDatabase(ADMIN_URL, name));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** The admin URL with its database replaced. */
    static String withDatabase(String adminUrl, String database) {
        int hostStart = adminUrl.indexOf("//") + 2;
        int slash = adminUrl.indexOf('/', hostStart);
        int query = adminUrl.indexOf('?', hostStart);
        String base = slash < 0 ? (query < 0 ? adminUrl : adminUrl.substring(0, query)) : adminUrl.substring(0, slash);
        return base + "/" + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    private static Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        if (PASSWORD != null) {
            props.setProperty("password", PASSWORD);
        }
        return DriverManager.getConnection(url, props);
    }

    String name() {
        return name;
    }

    String url() {
        return url;
    }

    String user() {
        return USER;
    }

    /** The password, or null (trust authentication). */
    String password() {
        return PASSWORD;
    }

    /** {@code spring.datasource.*} for this database. */
    List<String> springProperties() {
        List<String> properties =
                new ArrayList<>(List.of("spring.datasource.url=" + url, "spring.datasource.username=" + USER));
        if (PASSWORD != null) {
            properties.add("spring.datasource.password=" + PASSWORD);
        }
        return properties;
    }

    Connection connect() throws SQLException {
        return connect(url);
    }

    /** The first column of every row, as strings. */
    List<String> strings(String sql) throws SQLException {
        try (Connection connection = connect()) {
            return strings(connection, sql);
        }
    }

    static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = connect(ADMIN_URL);
                Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
