package dev.migrations.reliability;

import dev.migrations.testserver.TestPostgres;
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
 * The PostgreSQL server the suite runs against (what migrations-test-server's {@link
 * TestPostgres#server()} finds: {@code MIGRATIONS_TEST_JDBC_URL} with {@code MIGRATIONS_TEST_USER}/{@code
 * MIGRATIONS_TEST_PASSWORD}, localhost:5432 as {@code postgres}, Testcontainers, else an embedded
 * PostgreSQL), and fresh databases on it: every test owns its databases and drops them.
 *
 * @param adminUrl a URL of a database on the server the user may connect to
 * @param user the user, allowed to create databases and roles
 * @param password the user's password, or null
 */
public record Pg(String adminUrl, String user, String password) {
    private static final String PREFIX = "jdbc:postgresql://";

    /** The server of the environment. */
    public static Pg server() {
        TestPostgres found = TestPostgres.server();
        return new Pg(found.url(), found.user(), found.password());
    }

    /** A connection to the admin database. */
    public Connection admin() throws SQLException {
        return connect(adminUrl);
    }

    /** A connection to a URL of this server, as the admin user. */
    public Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    /** Creates a fresh database and returns its name. */
    public String createDatabase(String prefix) throws SQLException {
        byte[] bytes = new byte[5];
        ThreadLocalRandom.current().nextBytes(bytes);
        String name = prefix + "_" + HexFormat.of().formatHex(bytes);
        execute("CREATE DATABASE " + name);
        return name;
    }

    /** Drops a database, ending its sessions. */
    public void dropDatabase(String name) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Runs a statement on the admin database. */
    public void execute(String sql) throws SQLException {
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The JDBC URL of a database on this server (host, port and parameters kept). */
    public String url(String database) {
        int hostStart = PREFIX.length();
        int query = adminUrl.indexOf('?', hostStart);
        int hostEnd = adminUrl.indexOf('/', hostStart);
        if (hostEnd < 0 || (query >= 0 && hostEnd > query)) {
            hostEnd = query < 0 ? adminUrl.length() : query;
        }
        return adminUrl.substring(0, hostEnd) + "/" + database + (query < 0 ? "" : adminUrl.substring(query));
    }

    /** The URL with one more parameter. */
    public static String withParam(String url, String param) {
        return url + (url.contains("?") ? "&" : "?") + param;
    }

    /** The first column of every row of a query on a database, as strings. */
    public List<String> strings(String database, String sql) throws SQLException {
        try (Connection c = connect(url(database));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> result = new ArrayList<>();
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            return result;
        }
    }

    /** One long value of a query on a database. */
    public long number(String database, String sql) throws SQLException {
        return Long.parseLong(strings(database, sql).get(0));
    }

    /** Runs statements on a database. */
    public void run(String database, String... sqls) throws SQLException {
        try (Connection c = connect(url(database));
                Statement st = c.createStatement()) {
            for (String sql : sqls) {
                st.execute(sql);
            }
        }
    }

    /**
     * The catalog and the contents of every table of a database ({@link Catalog#snapshot}), as one
     * comparable text: what a test asserts "did not change".
     */
    public String fingerprint(String database) throws SQLException {
        return Catalog.snapshot(this, database);
    }
}
