package dev.migrations.jpa;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Migrations;
import dev.migrations.NewRevision;
import dev.migrations.SchemaChanges;
import dev.migrations.internal.schema.diff.SchemaDiff;
import dev.migrations.internal.schema.reflect.SchemaReflector;
import dev.migrations.jpa.domain.Customer;
import dev.migrations.jpa.domain.PurchaseOrder;
import dev.migrations.spi.ModelSource;
import dev.migrations.spi.model.SchemaModel;
import dev.migrations.testserver.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
    /** migrations-test-server's: configured, localhost:5432, else an embedded PostgreSQL. */
    private static final TestPostgres SERVER = TestPostgres.server();

    private static final String USER = SERVER.user();
    private static final String PASSWORD = Objects.requireNonNullElse(SERVER.password(), "");

    @TempDir
    Path dir;

    private String database;
    private String url;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = SERVER.createDatabase("mig_jpa_ag_");
        url = SERVER.url(database);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        SERVER.dropDatabase(database);
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
