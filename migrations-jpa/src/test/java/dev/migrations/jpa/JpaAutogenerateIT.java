package dev.migrations.jpa;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Migrations;
import dev.migrations.NewRevision;
import dev.migrations.SchemaChanges;
import dev.migrations.jpa.domain.Customer;
import dev.migrations.jpa.domain.PurchaseOrder;
import dev.migrations.schema.ModelSource;
import dev.migrations.schema.diff.SchemaDiff;
import dev.migrations.schema.model.SchemaModel;
import dev.migrations.schema.reflect.SchemaReflector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPA entities as the model of {@code revision --autogenerate} on PostgreSQL: the generated revision
 * creates what Hibernate would (relations, indexes, enum checks, sequences), {@code check} is then
 * clean, and the downgrade brings the schema back.
 */
class JpaAutogenerateIT {
    private static final String ADMIN_URL =
            System.getenv().getOrDefault("MIGRATIONS_TEST_JDBC_URL", "jdbc:postgresql://localhost:5432/postgres");
    private static final String USER = System.getenv().getOrDefault("MIGRATIONS_TEST_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("MIGRATIONS_TEST_PASSWORD", "");

    @TempDir
    Path dir;

    private String database;
    private String url;

    @BeforeEach
    void createDatabase() throws SQLException {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        database = "mig_jpa_ag_" + HexFormat.of().formatHex(bytes);
        admin("CREATE DATABASE " + database);
        int slash = ADMIN_URL.lastIndexOf('/');
        int query = ADMIN_URL.indexOf('?', slash);
        url = ADMIN_URL.substring(0, slash + 1) + database + (query < 0 ? "" : ADMIN_URL.substring(query));
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD);
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private Migrations migrations(Path scripts) {
        return Migrations.configure()
                .locations("filesystem:" + scripts)
                .url(url, USER, PASSWORD)
                .load();
    }

    private SchemaModel reflect() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD)) {
            return SchemaReflector.reflect(connection, "postgresql", null, Set.of("alembic_version*"));
        }
    }

    @Test
    void entitiesBecomeARevisionThatAppliesChecksCleanAndDowngrades() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("migrations"));
        ModelSource entities = JpaModelSource.ofClasses(List.of(Customer.class, PurchaseOrder.class));
        SchemaModel empty = reflect();

        SchemaChanges changes =
                migrations(scripts).autogenerate(NewRevision.withMessage("entities"), entities, Set.of());

        assertThat(changes.operations())
                .anySatisfy(op -> assertThat(op).startsWith("add_table customers ("))
                .anySatisfy(op -> assertThat(op).startsWith("add_table purchase_orders ("))
                .anySatisfy(op -> assertThat(op).startsWith("add_sequence order_seq"))
                .anySatisfy(op -> assertThat(op).startsWith("add_index ix_customers_last_name on customers"))
                .anySatisfy(op -> assertThat(op).startsWith("add_fk ").contains("REFERENCES customers (id)"));
        assertThat(Files.readString(changes.revisionFile(), UTF_8)).contains("CREATE TABLE purchase_orders (");

        Migrations applied = migrations(scripts);
        applied.upgrade("head");
        assertThat(applied.check(entities, Set.of()).operations()).isEmpty();

        applied.downgrade("base");
        assertThat(SchemaDiff.compare(empty, reflect())).isEmpty();
    }
}
