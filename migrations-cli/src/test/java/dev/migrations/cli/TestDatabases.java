package dev.migrations.cli;

import dev.migrations.testserver.TestPostgres;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Fresh databases for the CLI's integration tests: a private in-memory H2 database, or a PostgreSQL
 * database created on the server that migrations-test-server's {@link TestPostgres#server()} finds
 * ({@code MIGRATIONS_TEST_JDBC_URL}, localhost:5432 as postgres, Testcontainers, else an embedded one).
 * A test holds one as a field and calls {@link #dropAll()} from its {@code @AfterEach}, which drops
 * every PostgreSQL database it created {@code WITH (FORCE)}.
 */
final class TestDatabases {
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
        return TestPostgres.server().url(postgresName());
    }

    /** The name of a new PostgreSQL database, for a URL template ({@code --tenant-url}). */
    String postgresName() throws SQLException {
        String name = TestPostgres.server().createDatabase(prefix);
        created.add(name);
        return name;
    }

    /** The PostgreSQL server's user. */
    static String pgUser() {
        return Objects.requireNonNullElse(TestPostgres.server().user(), "postgres");
    }

    /** The PostgreSQL server's password, empty for none. */
    static String pgPassword() {
        return Objects.requireNonNullElse(TestPostgres.server().password(), "");
    }

    /**
     * The environment that points the command line at the database: {@code MIGRATIONS_URL}, and for
     * PostgreSQL the server's user and password.
     */
    static Map<String, String> env(String url) {
        return url.startsWith("jdbc:h2")
                ? Map.of("MIGRATIONS_URL", url)
                : Map.of("MIGRATIONS_URL", url, "MIGRATIONS_USER", pgUser(), "MIGRATIONS_PASSWORD", pgPassword());
    }

    /** Drops the PostgreSQL databases created so far (none: does not connect). */
    void dropAll() throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        for (String name : created) {
            TestPostgres.server().dropDatabase(name);
        }
        created.clear();
    }
}
