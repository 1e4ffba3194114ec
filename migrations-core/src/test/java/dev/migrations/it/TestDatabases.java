package dev.migrations.it;

import dev.migrations.testserver.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh databases for integration tests, one per test.
 *
 * <p>PostgreSQL comes from migrations-test-server's {@link TestPostgres#server()}: {@code
 * MIGRATIONS_TEST_JDBC_URL} (with {@code MIGRATIONS_TEST_USER} / {@code MIGRATIONS_TEST_PASSWORD}); a
 * server on {@code localhost:5432} with user {@code postgres}; a Testcontainers container when Docker is
 * available; else an embedded PostgreSQL. Without any of them the tests fail (never skip) with a message
 * saying how to provide one. Each test gets its own {@code CREATE DATABASE mig_test_<random>}, dropped
 * with {@code WITH (FORCE)} afterwards.
 *
 * <p>H2 databases are private in-memory databases, shut down afterwards.
 */
final class TestDatabases {
    private TestDatabases() {}

    /** A fresh, empty PostgreSQL database; fails the test when no server can be found. */
    static TestDatabase postgres() {
        TestPostgres server;
        try {
            server = TestPostgres.server();
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        String name;
        try {
            name = server.createDatabase("mig_test_");
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return new TestDatabase(
                "postgresql",
                name,
                server.url(name),
                server.user(),
                server.password(),
                () -> server.dropDatabase(name));
    }

    /** A fresh private in-memory H2 database. */
    static TestDatabase h2() {
        String name = "mig_test_" + randomSuffix();
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        return new TestDatabase("h2", name, url, "sa", "", () -> {
            try (Connection connection = DriverManager.getConnection(url, "sa", "");
                    Statement st = connection.createStatement()) {
                st.execute("SHUTDOWN");
            }
        });
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
