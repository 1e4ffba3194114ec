package dev.migrations.testserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The last resort works on its own, whatever server this machine has: the embedded PostgreSQL starts,
 * takes a fresh database, and runs statements in it.
 */
class EmbeddedIT {

    @Test
    void startsAServerWhereTestsCreateTheirOwnDatabases() throws SQLException {
        TestPostgres server = Embedded.server();
        assertThat(server.source()).startsWith("embedded PostgreSQL");
        assertThat(Embedded.server()).as("started once per JVM").isSameAs(server);
        createConnectAndDrop(server);
    }

    /** What runs as root where user namespaces are not allowed (forced here where they are). */
    @Test
    @EnabledIf("root")
    void asRootRunsTheBinariesAsNobodyThroughSetpriv() throws Exception {
        System.setProperty(PostgresBinaries.RUN_AS_PROPERTY, "setpriv");
        try {
            assertThat(PostgresBinaries.runAs()).isEqualTo("setpriv");
            TestPostgres server = OwnServer.start();
            assertThat(server.source()).contains("as nobody through setpriv");
            createConnectAndDrop(server);
        } finally {
            System.clearProperty(PostgresBinaries.RUN_AS_PROPERTY);
        }
    }

    static boolean root() {
        return PostgresBinaries.isRoot();
    }

    private static void createConnectAndDrop(TestPostgres server) throws SQLException {
        String database = server.createDatabase("mig_embedded_");
        try (Connection connection = server.connect(server.url(database));
                Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL)");
            st.execute("INSERT INTO t VALUES (1, 'one')");
            try (ResultSet rs = st.executeQuery(
                    "SELECT current_database(), current_setting('server_version_num')::int, (SELECT name FROM t)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(database);
                assertThat(rs.getInt(2) / 10000).as("PostgreSQL major").isEqualTo(15);
                assertThat(rs.getString(3)).isEqualTo("one");
            }
        } finally {
            server.dropDatabase(database);
        }
        assertThat(count(server, database)).isZero();
    }

    private static int count(TestPostgres server, String database) throws SQLException {
        try (Connection connection = server.connect();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + database + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
