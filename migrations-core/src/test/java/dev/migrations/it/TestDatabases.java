package dev.migrations.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Fresh databases for integration tests, one per test.
 *
 * <p>PostgreSQL comes from, in this order: {@code MIGRATIONS_TEST_JDBC_URL} (with {@code
 * MIGRATIONS_TEST_USER} / {@code MIGRATIONS_TEST_PASSWORD}); a server on {@code localhost:5432}
 * with user {@code postgres}; a Testcontainers container when Docker is available. Without any of
 * them the tests fail (never skip) with a message saying how to provide one. Each test gets its
 * own {@code CREATE DATABASE mig_test_<random>}, dropped with {@code WITH (FORCE)} afterwards.
 *
 * <p>H2 databases are private in-memory databases, shut down afterwards.
 */
final class TestDatabases {
    static final String URL_VARIABLE = "MIGRATIONS_TEST_JDBC_URL";
    static final String USER_VARIABLE = "MIGRATIONS_TEST_USER";
    static final String PASSWORD_VARIABLE = "MIGRATIONS_TEST_PASSWORD";

    private static final String LOCAL_URL = "jdbc:postgresql://localhost:5432/postgres";
    private static final String PG_PREFIX = "jdbc:postgresql://";

    private TestDatabases() {}

    /** A fresh, empty PostgreSQL database; fails the test when no server can be found. */
    static TestDatabase postgres() {
        Server server = Located.SERVER.require();
        String name = "mig_test_" + randomSuffix();
        try {
            server.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError(
                    "Could not create test database " + name + " on " + server.source() + ": " + e.getMessage()
                            + "; the test user needs the CREATEDB privilege",
                    e);
        }
        return new TestDatabase(
                "postgresql",
                name,
                withDatabase(server.url(), name),
                server.user(),
                server.password(),
                () -> server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
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

    /** The JDBC URL of another database on the same server (keeps host, port and parameters). */
    static String withDatabase(String url, String database) {
        int hostStart = PG_PREFIX.length();
        int query = url.indexOf('?', hostStart);
        int hostEnd = url.indexOf('/', hostStart);
        if (hostEnd < 0 || (query >= 0 && hostEnd > query)) {
            hostEnd = query < 0 ? url.length() : query;
        }
        return url.substring(0, hostEnd) + "/" + database + (query < 0 ? "" : url.substring(query));
    }

    /** An administrative connection to a PostgreSQL server, able to create databases. */
    record Server(String url, String user, String password, String source) {
        Connection connect() throws SQLException {
            Properties props = new Properties();
            if (user != null) {
                props.setProperty("user", user);
            }
            if (password != null) {
                props.setProperty("password", password);
            }
            return DriverManager.getConnection(url, props);
        }

        void execute(String sql) throws SQLException {
            try (Connection connection = connect();
                    Statement st = connection.createStatement()) {
                st.execute(sql);
            }
        }
    }

    /** The server found, or why none was. */
    private record Lookup(Server server, String failure) {
        Server require() {
            if (server == null) {
                throw new AssertionError(failure);
            }
            return server;
        }
    }

    /** Looks for a server once per JVM (a started container is reused by every test). */
    private static final class Located {
        static final Lookup SERVER = find();

        private Located() {}

        private static Lookup find() {
            String envUrl = System.getenv(URL_VARIABLE);
            if (envUrl != null && !envUrl.isBlank()) {
                if (!envUrl.startsWith(PG_PREFIX)) {
                    return new Lookup(null, URL_VARIABLE + " must be a jdbc:postgresql://host:port/database URL");
                }
                Server server = new Server(
                        envUrl, System.getenv(USER_VARIABLE), System.getenv(PASSWORD_VARIABLE), URL_VARIABLE);
                String problem = probe(server);
                return problem == null
                        ? new Lookup(server, null)
                        : new Lookup(
                                null,
                                URL_VARIABLE + " is set but connecting to it failed: " + problem + ". Fix it (and "
                                        + USER_VARIABLE + " / " + PASSWORD_VARIABLE + "), or unset it to use"
                                        + " localhost:5432 (user postgres) or Testcontainers.");
            }
            Server local = new Server(LOCAL_URL + "?connectTimeout=3", "postgres", null, "localhost:5432");
            String localProblem = probe(local);
            if (localProblem == null) {
                return new Lookup(local, null);
            }
            String dockerProblem;
            try {
                if (DockerClientFactory.instance().isDockerAvailable()) {
                    return new Lookup(container(), null);
                }
                dockerProblem = "Docker is not available";
            } catch (RuntimeException e) {
                dockerProblem = "starting a PostgreSQL container failed: " + e;
            }
            return new Lookup(
                    null,
                    "No PostgreSQL server for the integration tests: localhost:5432 (user postgres) is not"
                            + " reachable (" + localProblem + ") and " + dockerProblem + ". Set " + URL_VARIABLE
                            + " (e.g. jdbc:postgresql://db.example:5432/postgres) with " + USER_VARIABLE + " and "
                            + PASSWORD_VARIABLE + " for a user allowed to CREATE DATABASE, start PostgreSQL on"
                            + " localhost:5432 with user postgres, or start Docker so Testcontainers can run one.");
        }

        private static String probe(Server server) {
            try (Connection connection = server.connect()) {
                return connection.isValid(3) ? null : "connection not valid";
            } catch (SQLException e) {
                return e.getMessage();
            }
        }

        @SuppressWarnings("resource") // stays up for the JVM; Testcontainers' reaper removes it
        private static Server container() {
            PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse("postgres:15-alpine"));
            container.start();
            return new Server(
                    container.getJdbcUrl(), container.getUsername(), container.getPassword(), "Testcontainers");
        }
    }
}
