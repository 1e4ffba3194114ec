package dev.migrations.test;

import dev.migrations.testserver.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Finds the PostgreSQL server to test on: the annotation's URL, else what {@link TestPostgres} finds
 * (the system property {@code migrations.test.jdbc-url}, the environment variable {@code
 * MIGRATIONS_TEST_JDBC_URL}, a server on {@code localhost:5432} with user {@code postgres}, a
 * Testcontainers container when Docker is available, or an embedded PostgreSQL, in that order). Without
 * any of them the checks fail (never skip) saying how to provide one.
 */
final class ServerLocator {
    private ServerLocator() {}

    /** The server, or an exception saying what was tried and how to provide one. */
    static PostgresServer locate(KitSettings settings) {
        if (settings.url() != null) {
            return configured(settings.url(), settings.user(), settings.password(), "@MigrationTest(url)");
        }
        TestPostgres found = TestPostgres.server(settings.user(), settings.password());
        return new PostgresServer(found.url(), found.user(), found.password(), found.source());
    }

    private static PostgresServer configured(String url, String user, String password, String source) {
        if (!url.startsWith(PostgresServer.PREFIX)) {
            throw new IllegalStateException(source + " must be a jdbc:postgresql://host:port/database URL; the"
                    + " migration test kit creates its databases on PostgreSQL");
        }
        PostgresServer server = new PostgresServer(url, user, password, source);
        String problem = probe(server);
        if (problem != null) {
            throw new IllegalStateException("Connecting to the PostgreSQL server from " + source + " (" + url
                    + ") failed: " + problem + ". Fix the URL, user and password, or leave it empty to use"
                    + " the system property, the environment variable, localhost:5432, Testcontainers or an"
                    + " embedded PostgreSQL.");
        }
        return server;
    }

    private static String probe(PostgresServer server) {
        try (Connection connection = server.connect(server.url())) {
            return connection.isValid(3) ? null : "connection not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }
}
