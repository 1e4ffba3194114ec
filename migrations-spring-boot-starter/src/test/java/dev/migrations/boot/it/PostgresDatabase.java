package dev.migrations.boot.it;

import dev.migrations.testserver.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh PostgreSQL database owned by one test: {@code CREATE DATABASE} on the server that
 * migrations-test-server's {@link TestPostgres#server()} finds ({@code MIGRATIONS_TEST_JDBC_URL},
 * {@code localhost:5432} as {@code postgres}, Testcontainers, else an embedded PostgreSQL); dropped
 * {@code WITH (FORCE)} on close.
 */
final class PostgresDatabase implements AutoCloseable {
    private final TestPostgres server;
    private final String name;
    private final String url;

    private PostgresDatabase(TestPostgres server, String name) {
        this.server = server;
        this.name = name;
        this.url = server.url(name);
    }

    static PostgresDatabase create() throws SQLException {
        TestPostgres server = TestPostgres.server();
        return new PostgresDatabase(server, server.createDatabase("mig_boot_"));
    }

    String name() {
        return name;
    }

    String url() {
        return url;
    }

    String user() {
        return server.user();
    }

    /** The password, or null (trust authentication). */
    String password() {
        return server.password();
    }

    /** {@code spring.datasource.*} for this database. */
    List<String> springProperties() {
        List<String> properties =
                new ArrayList<>(List.of("spring.datasource.url=" + url, "spring.datasource.username=" + server.user()));
        if (server.password() != null) {
            properties.add("spring.datasource.password=" + server.password());
        }
        return properties;
    }

    Connection connect() throws SQLException {
        return server.connect(url);
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
        server.dropDatabase(name);
    }
}
