package dev.migrations.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh databases for the CLI's integration tests: a private in-memory H2 database, or a PostgreSQL
 * database created on the server of {@code MIGRATIONS_TEST_JDBC_URL} (user {@code MIGRATIONS_TEST_USER},
 * password {@code MIGRATIONS_TEST_PASSWORD}; else localhost:5432 as postgres with an empty password).
 * A test holds one as a field and calls {@link #dropAll()} from its {@code @AfterEach}, which drops
 * every PostgreSQL database it created {@code WITH (FORCE)}.
 */
final class TestDatabases {
    private static final String ADMIN_URL =
            System.getenv().getOrDefault("MIGRATIONS_TEST_JDBC_URL", "jdbc:postgresql://localhost:5432/postgres");
    static final String PG_USER = System.getenv().getOrDefault("MIGRATIONS_TEST_USER", "postgres");
    static final String PG_PASSWORD = System.getenv().getOrDefault("MIGRATIONS_TEST_PASSWORD", "");

    private final String prefix;
    private final List<String> created = new ArrayList<>();

    /** PostgreSQL databases named {@code mig_cli_<12 random hex digits>}. */
    TestDatabases() {
        this("mig_cli_");
    }

    /** PostgreSQL databases named {@code prefix} followed by 12 random hex digits. */
    TestDatabases(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The URL of a fresh database: for {@code "h2"} a private in-memory H2 database, for any other
     * kind a new PostgreSQL database (the admin URL's {@code ?parameters} kept).
     */
    String url(String kind) throws SQLException {
        if (kind.equals("h2")) {
            return "jdbc:h2:mem:cli_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        }
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        created.add(name);
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        int slash = ADMIN_URL.lastIndexOf('/');
        int query = ADMIN_URL.indexOf('?', slash);
        return ADMIN_URL.substring(0, slash + 1) + name + (query < 0 ? "" : ADMIN_URL.substring(query));
    }

    /**
     * The environment that points the command line at the database: {@code MIGRATIONS_URL}, and for
     * PostgreSQL the server's user and password.
     */
    static Map<String, String> env(String url) {
        return url.startsWith("jdbc:h2")
                ? Map.of("MIGRATIONS_URL", url)
                : Map.of("MIGRATIONS_URL", url, "MIGRATIONS_USER", PG_USER, "MIGRATIONS_PASSWORD", PG_PASSWORD);
    }

    /** Drops the PostgreSQL databases created so far (none: does not connect). */
    void dropAll() throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        try (Connection c = admin();
                Statement st = c.createStatement()) {
            for (String name : created) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
        created.clear();
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(ADMIN_URL, PG_USER, PG_PASSWORD);
    }
}
