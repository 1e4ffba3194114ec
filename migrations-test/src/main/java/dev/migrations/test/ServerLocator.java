package dev.migrations.test;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Finds the PostgreSQL server to test on: the annotation's URL, the system property {@code
 * migrations.test.jdbc-url}, the environment variable {@code MIGRATIONS_TEST_JDBC_URL}, a server on
 * {@code localhost:5432} with user {@code postgres}, or a Testcontainers container when Docker is
 * available, in that order. Without any of them the checks fail (never skip) saying how to provide one.
 */
final class ServerLocator {
    static final String URL_PROPERTY = "migrations.test.jdbc-url";
    static final String USER_PROPERTY = "migrations.test.user";
    static final String PASSWORD_PROPERTY = "migrations.test.password";
    static final String URL_VARIABLE = "MIGRATIONS_TEST_JDBC_URL";
    static final String USER_VARIABLE = "MIGRATIONS_TEST_USER";
    static final String PASSWORD_VARIABLE = "MIGRATIONS_TEST_PASSWORD";
    private static final String LOCAL_URL = "jdbc:postgresql://localhost:5432/postgres?connectTimeout=3";

    private ServerLocator() {}

    /** The server, or an exception saying what was tried and how to provide one. */
    static PostgresServer locate(KitSettings settings) {
        if (settings.url() != null) {
            return configured(settings.url(), settings.user(), settings.password(), "@MigrationTest(url)");
        }
        String property = System.getProperty(URL_PROPERTY);
        if (property != null && !property.isBlank()) {
            return configured(
                    property,
                    firstNonBlank(settings.user(), System.getProperty(USER_PROPERTY)),
                    firstNonBlank(settings.password(), System.getProperty(PASSWORD_PROPERTY)),
                    "system property " + URL_PROPERTY);
        }
        String variable = System.getenv(URL_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return configured(
                    variable,
                    firstNonBlank(settings.user(), System.getenv(USER_VARIABLE)),
                    firstNonBlank(settings.password(), System.getenv(PASSWORD_VARIABLE)),
                    "environment variable " + URL_VARIABLE);
        }
        PostgresServer local = new PostgresServer(
                LOCAL_URL, firstNonBlank(settings.user(), "postgres"), settings.password(), "localhost:5432");
        String localProblem = probe(local);
        if (localProblem == null) {
            return local;
        }
        String dockerProblem = Containers.dockerProblem();
        if (dockerProblem == null) {
            return Containers.start();
        }
        throw new IllegalStateException("No PostgreSQL server for the migration checks: localhost:5432 (user "
                + local.user() + ") is not reachable (" + localProblem + ") and " + dockerProblem
                + ". Set @MigrationTest(url = ...), the system property " + URL_PROPERTY + " or the environment"
                + " variable " + URL_VARIABLE + " (e.g. jdbc:postgresql://db.example:5432/postgres, with "
                + USER_VARIABLE + " / " + PASSWORD_VARIABLE + " for a user allowed to CREATE DATABASE), start"
                + " PostgreSQL on localhost:5432, or start Docker so Testcontainers can run one.");
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
                    + ") failed: " + problem + ". Fix the URL, user and password, or unset it to use"
                    + " localhost:5432 or Testcontainers.");
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

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }
}
