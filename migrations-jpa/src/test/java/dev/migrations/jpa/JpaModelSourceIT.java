package dev.migrations.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationsException;
import dev.migrations.jpa.domain.Customer;
import dev.migrations.jpa.domain.PurchaseOrder;
import dev.migrations.spi.ModelSource;
import dev.migrations.spi.ModelSourceProvider;
import dev.migrations.testserver.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JPA entities loaded into a fresh PostgreSQL scratch schema through the {@code jpa:} provider, and
 * the created objects read back from the catalogs with plain SQL.
 */
class JpaModelSourceIT {
    /** migrations-test-server's: configured, localhost:5432, else an embedded PostgreSQL. */
    private static final TestPostgres SERVER = TestPostgres.server();

    private static final String USER = SERVER.user();
    private static final String PASSWORD = Objects.requireNonNullElse(SERVER.password(), "");
    private static final String SCRATCH = "model_scratch";

    private String database;
    private Connection connection;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = SERVER.createDatabase("mig_jpa_");
        String url = SERVER.url(database);
        connection = DriverManager.getConnection(url, USER, PASSWORD);
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE SCHEMA " + SCRATCH);
            st.execute("SET search_path TO " + SCRATCH);
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        connection.close();
        SERVER.dropDatabase(database);
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    private static ModelSource jpa(String argument) {
        for (ModelSourceProvider provider : ServiceLoader.load(ModelSourceProvider.class)) {
            if (provider.scheme().equals("jpa")) {
                return provider.create(argument, JpaModelSourceIT.class.getClassLoader());
            }
        }
        throw new AssertionError("no 'jpa' ModelSourceProvider registered in META-INF/services");
    }

    @Test
    void entitiesOfAPackageBecomeTablesColumnsKeysIndexesAndSequences() throws SQLException {
        ModelSource model = jpa("dev.migrations.jpa.domain");
        assertThat(model.describe()).isEqualTo("JPA entities in dev.migrations.jpa.domain");

        model.load(connection, SCRATCH, "postgresql");

        assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + SCRATCH
                        + "' ORDER BY 1"))
                .containsExactly("customers", "purchase_orders");
        // Spring Boot's naming: lastName -> last_name, placedAt -> placed_at.
        assertThat(strings("SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' || is_identity"
                        + " FROM information_schema.columns WHERE table_schema = '" + SCRATCH
                        + "' AND table_name = 'customers' ORDER BY column_name"))
                .containsExactly(
                        "email character varying NO NO",
                        "id bigint NO YES",
                        "last_name character varying YES NO",
                        "status character varying NO NO");
        assertThat(strings("SELECT column_name || ' ' || data_type FROM information_schema.columns"
                        + " WHERE table_schema = '" + SCRATCH + "' AND table_name = 'purchase_orders'"
                        + " ORDER BY column_name"))
                .containsExactly(
                        "customer_id bigint",
                        "id bigint",
                        "placed_at timestamp with time zone",
                        "priority smallint",
                        "total numeric");
        assertThat(strings("SELECT conrelid::regclass || ' -> ' || confrelid::regclass FROM pg_constraint"
                        + " WHERE contype = 'f' AND connamespace = '" + SCRATCH + "'::regnamespace"))
                .containsExactly("purchase_orders -> customers");
        assertThat(strings("SELECT indexname FROM pg_indexes WHERE schemaname = '" + SCRATCH + "' ORDER BY 1"))
                .contains("ix_customers_last_name", "ix_purchase_orders_placed_at", "uk_customers_email");
        assertThat(strings("SELECT sequence_name || ' ' || increment FROM information_schema.sequences"
                        + " WHERE sequence_schema = '" + SCRATCH + "'"))
                .containsExactly("order_seq 10");
        // Hibernate guards enums with check constraints: names for STRING, a range for ORDINAL.
        assertThat(strings("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c'"
                        + " AND connamespace = '" + SCRATCH + "'::regnamespace ORDER BY 1"))
                .anySatisfy(def -> assertThat(def).contains("ACTIVE", "BLOCKED"))
                .anySatisfy(def ->
                        assertThat(def).contains("priority").contains("0").contains("2"));
        assertThat(strings("SELECT numeric_precision || ',' || numeric_scale FROM information_schema.columns"
                        + " WHERE table_schema = '" + SCRATCH + "' AND column_name = 'total'"))
                .containsExactly("12,2");
    }

    @Test
    void givenClassesAreExportedWithoutScanning() throws SQLException {
        JpaModelSource model = JpaModelSource.ofClasses(List.of(Customer.class, PurchaseOrder.class));

        model.load(connection, SCRATCH, "postgresql");

        assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + SCRATCH
                        + "' ORDER BY 1"))
                .containsExactly("customers", "purchase_orders");
    }

    @Test
    void incompleteClassListIsReportedWithHibernatesReason() {
        assertThatThrownBy(
                        () -> JpaModelSource.ofClasses(List.of(Customer.class)).load(connection, SCRATCH, "postgresql"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageStartingWith("JPA entities Customer: Hibernate could not build the model:")
                .hasMessageContaining("PurchaseOrder");
    }

    @Test
    void packageWithoutEntitiesIsAClearError() {
        assertThatThrownBy(() -> jpa("dev.migrations.jpa").load(connection, SCRATCH, "mysql"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("dialect 'mysql' is not supported");
        assertThatThrownBy(() -> jpa("com.nowhere").load(connection, SCRATCH, "postgresql"))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("JPA entity package 'com.nowhere' is not on the classpath");
        assertThatThrownBy(() -> jpa(" , "))
                .isInstanceOf(MigrationsException.class)
                .hasMessageContaining("--model jpa:com.acme.domain");
    }
}
