package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.test.MigrationSuite;
import dev.migrations.test.MigrationTest;
import dev.migrations.test.SeedBefore;
import dev.migrations.test.VerifyAfter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's own revisions through the migration test kit, on PostgreSQL ({@code
 * MIGRATIONS_TEST_JDBC_URL}, else {@code localhost:5432} as {@code postgres}, else Testcontainers, else
 * an embedded PostgreSQL):
 * one head, upgrade from base, every downgrade restoring the schema (the processing and events
 * branches and their merge included), the schema at head matching {@code model/orders-schema.sql},
 * and orders written before a revision still there after it.
 */
@MigrationTest(locations = "classpath:db/migrations", model = "classpath:model/orders-schema.sql")
class SampleMigrationsIT implements MigrationSuite {

    @SeedBefore("ae1027a6acf0")
    void ordersBeforeTotals(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("INSERT INTO orders (customer, status) VALUES ('ada', 'PENDING'), ('grace', 'DONE')");
        }
    }

    @VerifyAfter("ae1027a6acf0")
    void ordersHaveAZeroTotal(Connection connection) throws SQLException {
        assertThat(rows(connection, "SELECT customer || ' ' || status || ' ' || total_cents FROM orders ORDER BY id"))
                .containsExactly("ada PENDING 0", "grace DONE 0");
    }

    @SeedBefore("3c9e1f2a7b40")
    void ordersBeforeProcessing(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("INSERT INTO orders (customer, total_cents) VALUES ('linus', 4200)");
        }
    }

    @VerifyAfter("3c9e1f2a7b40")
    void ordersAreUnprocessed(Connection connection) throws SQLException {
        assertThat(rows(
                        connection,
                        "SELECT customer || ' ' || total_cents || ' ' || (processed_at IS NULL) FROM orders"))
                .containsExactly("linus 4200 true");
    }

    private static List<String> rows(Connection connection, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
