package dev.migrations.testserver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server to run tests on, and where it came from. {@link #server()} looks for one once per
 * JVM, in this order:
 *
 * <ol>
 *   <li>the system property {@value #URL_PROPERTY} (user {@value #USER_PROPERTY}, password {@value
 *       #PASSWORD_PROPERTY}), else the environment variable {@value #URL_VARIABLE} (with {@value
 *       #USER_VARIABLE} / {@value #PASSWORD_VARIABLE}): when set it must work, there is no fallback;
 *   <li>{@code localhost:5432}, if it accepts user {@code postgres} without a password;
 *   <li>a Testcontainers container, when Testcontainers is on the class path and Docker works;
 *   <li>an embedded PostgreSQL from the {@code io.zonky.test} binaries on the class path, started
 *       once per JVM and stopped when the JVM exits.
 * </ol>
 *
 * <p>The system property {@value #SERVER_PROPERTY} (or the environment variable {@value
 * #SERVER_VARIABLE}) set to {@code embedded} or {@code testcontainers} skips the search and uses that
 * one; {@code auto} (the default) searches. One log line says which server was chosen and why. The user
 * may create databases: tests create their own with {@link #createDatabase(String)}.
 */
public final class TestPostgres {
    /** Chooses the server: {@code auto} (the default), {@code embedded} or {@code testcontainers}. */
    public static final String SERVER_PROPERTY = "migrations.test.server";
    /** The environment variable read when {@value #SERVER_PROPERTY} is not set. */
    public static final String SERVER_VARIABLE = "MIGRATIONS_TEST_SERVER";

    public static final String URL_PROPERTY = "migrations.test.jdbc-url";
    public static final String USER_PROPERTY = "migrations.test.user";
    public static final String PASSWORD_PROPERTY = "migrations.test.password";
    public static final String URL_VARIABLE = "MIGRATIONS_TEST_JDBC_URL";
    public static final String USER_VARIABLE = "MIGRATIONS_TEST_USER";
    public static final String PASSWORD_VARIABLE = "MIGRATIONS_TEST_PASSWORD";

    static final String PREFIX = "jdbc:postgresql://";
    private static final String LOCAL_URL = "jdbc:postgresql://localhost:5432/postgres?connectTimeout=3";
    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static final Map<List<String>, TestPostgres> FOUND = new HashMap<>();

    private final String url;
    private final String user;
    private final String password;
    private final String source;

    /**
     * A server given directly.
     *
     * @param url a JDBC URL of any database on the server
     * @param user the user, allowed to {@code CREATE DATABASE}, or null
     * @param password the password, or null
     * @param source where the server came from, for messages
     */
    public TestPostgres(String url, String user, String password, String source) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    source + " must be a jdbc:postgresql://host:port/database URL; got " + url);
        }
        this.url = url;
        this.user = user;
        this.password = password;
        this.source = source;
    }

    /** The server for this JVM's tests; throws {@link IllegalStateException} saying what was tried. */
    public static TestPostgres server() {
        return server(null, null);
    }

    /**
     * The server for this JVM's tests, with a user and password (if not null) that replace the
     * configured ones and {@code postgres} on localhost. The embedded server and a container have their
     * own user.
     */
    public static synchronized TestPostgres server(String userOverride, String passwordOverride) {
        List<String> key = Arrays.asList(userOverride, passwordOverride);
        TestPostgres found = FOUND.get(key);
        if (found == null) {
            found = locate(userOverride, passwordOverride);
            FOUND.put(key, found);
        }
        return found;
    }

    private static TestPostgres locate(String userOverride, String passwordOverride) {
        String mode = setting(SERVER_PROPERTY, SERVER_VARIABLE, "auto").toLowerCase(Locale.ROOT);
        if (mode.equals("embedded")) {
            return chosen(Embedded.server(), SERVER_PROPERTY + "=embedded");
        }
        if (mode.equals("testcontainers")) {
            String problem = Containers.dockerProblem();
            if (problem != null) {
                throw new IllegalStateException(SERVER_PROPERTY + "=testcontainers, but Testcontainers: " + problem);
            }
            return chosen(Containers.server(), SERVER_PROPERTY + "=testcontainers");
        }
        if (!mode.equals("auto")) {
            throw new IllegalStateException(SERVER_PROPERTY + " (or " + SERVER_VARIABLE + ") must be auto, embedded"
                    + " or testcontainers; got '" + mode + "'");
        }
        String property = System.getProperty(URL_PROPERTY);
        if (property != null && !property.isBlank()) {
            return configured(new TestPostgres(
                    property,
                    firstNonBlank(userOverride, System.getProperty(USER_PROPERTY)),
                    firstNonBlank(passwordOverride, System.getProperty(PASSWORD_PROPERTY)),
                    "system property " + URL_PROPERTY));
        }
        String variable = System.getenv(URL_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return configured(new TestPostgres(
                    variable,
                    firstNonBlank(userOverride, System.getenv(USER_VARIABLE)),
                    firstNonBlank(passwordOverride, System.getenv(PASSWORD_VARIABLE)),
                    "environment variable " + URL_VARIABLE));
        }
        List<String> tried = new ArrayList<>();
        TestPostgres local = new TestPostgres(
                LOCAL_URL, firstNonBlank(userOverride, "postgres"), passwordOverride, "localhost:5432");
        String localProblem = local.problem();
        if (localProblem == null) {
            return chosen(local, "it accepts user " + local.user);
        }
        tried.add("localhost:5432 (user " + local.user + "): " + localProblem);
        String dockerProblem = Containers.dockerProblem();
        if (dockerProblem == null) {
            return chosen(Containers.server(), String.join("; ", tried));
        }
        tried.add("Testcontainers: " + dockerProblem);
        String embeddedProblem = Embedded.problem();
        if (embeddedProblem == null) {
            return chosen(Embedded.server(), String.join("; ", tried));
        }
        tried.add("embedded PostgreSQL: " + embeddedProblem);
        throw new IllegalStateException("No PostgreSQL server for the tests. Tried " + String.join("; ", tried)
                + ". Set the system property " + URL_PROPERTY + " or the environment variable " + URL_VARIABLE
                + " (e.g. jdbc:postgresql://db.example:5432/postgres, with " + USER_VARIABLE + " / "
                + PASSWORD_VARIABLE + " for a user allowed to CREATE DATABASE), start PostgreSQL on localhost:5432"
                + " trusting user postgres, or start Docker so Testcontainers can run one.");
    }

    private static TestPostgres configured(TestPostgres server) {
        String problem = server.problem();
        if (problem != null) {
            throw new IllegalStateException("Connecting to the PostgreSQL server from " + server.source + " ("
                    + server.url + ") failed: " + problem + ". Fix the URL, user and password, or unset it to use"
                    + " localhost:5432, Testcontainers or an embedded PostgreSQL.");
        }
        return chosen(server, "it is set");
    }

    private static TestPostgres chosen(TestPostgres server, String why) {
        LOG.info("PostgreSQL for the tests: {} ({}) [{}]", server.source, server.url, why);
        return server;
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    /** Null when a connection works, else why not. */
    private String problem() {
        try (Connection connection = connect()) {
            return connection.isValid(3) ? null : "connection not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** A JDBC URL of a database on the server (not one to run tests in: create one). */
    public String url() {
        return url;
    }

    /** The user, or null. */
    public String user() {
        return user;
    }

    /** The password, or null. */
    public String password() {
        return password;
    }

    /** Where the server came from, for messages. */
    public String source() {
        return source;
    }

    /** A connection to {@link #url()}. */
    public Connection connect() throws SQLException {
        return connect(url);
    }

    /** A connection to a URL on this server, as its user. */
    public Connection connect(String jdbcUrl) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, props);
    }

    /** Runs a statement on {@link #url()}'s database. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Creates an empty database named {@code prefix} and 12 random hex digits, and returns the name. */
    public String createDatabase(String prefix) throws SQLException {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        String name = prefix + HexFormat.of().formatHex(bytes);
        try {
            execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new SQLException(
                    "Could not create test database " + name + " on " + source + " (" + url + "): " + e.getMessage()
                            + "; the test user needs the CREATEDB privilege",
                    e.getSQLState(),
                    e);
        }
        return name;
    }

    /** Drops a database, ending its sessions. */
    public void dropDatabase(String name) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** The JDBC URL of a database on this server (host, port and parameters kept). */
    public String url(String database) {
        return withDatabase(url, database);
    }

    /** The JDBC URL of another database on the same server (keeps host, port and parameters). */
    public static String withDatabase(String url, String database) {
        int hostStart = PREFIX.length();
        int query = url.indexOf('?', hostStart);
        int hostEnd = url.indexOf('/', hostStart);
        if (hostEnd < 0 || (query >= 0 && hostEnd > query)) {
            hostEnd = query < 0 ? url.length() : query;
        }
        return url.substring(0, hostEnd) + "/" + database + (query < 0 ? "" : url.substring(query));
    }

    @Override
    public String toString() {
        return source + " (" + url + ")";
    }
}
