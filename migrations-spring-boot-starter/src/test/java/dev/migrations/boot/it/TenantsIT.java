package dev.migrations.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.boot.MigrationsAutoConfiguration;
import dev.migrations.boot.MigrationsFleetState;
import dev.migrations.boot.MigrationsTenantsAutoConfiguration;
import dev.migrations.boot.TestScripts;
import dev.migrations.fleet.TenantOutcome.State;
import dev.migrations.testserver.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Tenants from properties on PostgreSQL: schema per tenant from a query on the shared schema, and a
 * database per tenant, one of them missing, which fails alone.
 */
class TenantsIT {
    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    MigrationsAutoConfiguration.class,
                    MigrationsTenantsAutoConfiguration.class));

    private String scripts(String folder, String id, String upgrade) {
        return TestScripts.oneStep(dir.resolve(folder), id, upgrade);
    }

    @Test
    void schemaPerTenantFromAQueryOnTheSharedSchema() throws Exception {
        String shared = scripts(
                "shared",
                "a0",
                "CREATE TABLE tenants (name TEXT);\n"
                        + "INSERT INTO tenants VALUES ('acme'), ('globex'), ('initech');");
        String tenants = scripts("tenants", "b0", "CREATE TABLE orders (id INT);");
        try (PostgresDatabase db = PostgresDatabase.create()) {
            List<String> properties = new ArrayList<>(db.springProperties());
            properties.addAll(List.of(
                    "migrations.locations=" + shared,
                    "migrations.tenants.locations=" + tenants,
                    "migrations.tenants.query=SELECT name FROM tenants ORDER BY name",
                    "migrations.tenants.schema=tenant_{tenant}",
                    "migrations.tenants.parallelism=3"));
            runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(MigrationsFleetState.class)
                                .snapshot()
                                .count(State.MIGRATED))
                        .isEqualTo(3);
            });
            assertThat(db.strings("SELECT table_schema FROM information_schema.tables WHERE table_name = 'orders'"
                            + " ORDER BY table_schema"))
                    .containsExactly("tenant_acme", "tenant_globex", "tenant_initech");
            assertThat(db.strings("SELECT version_num FROM tenant_globex.alembic_version"))
                    .containsExactly("b0");
            assertThat(db.strings("SELECT version_num FROM public.alembic_version"))
                    .containsExactly("a0");

            runner.withPropertyValues(properties.toArray(String[]::new))
                    .run(context -> assertThat(context.getBean(MigrationsFleetState.class)
                                    .snapshot()
                                    .count(State.AT_TARGET))
                            .as("a restart finds every tenant at the target")
                            .isEqualTo(3));
        }
    }

    @Test
    void databasePerTenantWithOneDatabaseMissing() throws Exception {
        String tenants = scripts("tenants", "b0", "CREATE TABLE orders (id INT);");
        TestPostgres server = TestPostgres.server();
        try (PostgresDatabase control = PostgresDatabase.create();
                PostgresDatabase one = PostgresDatabase.create()) {
            List<String> properties = new ArrayList<>(control.springProperties());
            properties.addAll(List.of(
                    "migrations.locations=" + tenants,
                    "migrations.tenants.list=" + one.name() + ",mig_boot_missing",
                    "migrations.tenants.url=" + TestPostgres.withDatabase(server.url(), "{tenant}"),
                    "migrations.tenants.user=" + server.user()));
            if (server.password() != null) {
                properties.add("migrations.tenants.password=" + server.password());
            }
            runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
                assertThat(context).hasNotFailed();
                MigrationsFleetState.Snapshot snapshot =
                        context.getBean(MigrationsFleetState.class).snapshot();
                assertThat(snapshot.count(State.MIGRATED)).isEqualTo(1);
                assertThat(snapshot.failed()).singleElement().satisfies(failed -> {
                    assertThat(failed.tenant()).isEqualTo("mig_boot_missing");
                    assertThat(failed.error()).contains("does not exist");
                });
            });
            assertThat(one.strings("SELECT version_num FROM alembic_version")).containsExactly("b0");
            assertThat(control.strings(
                            "SELECT table_name FROM information_schema.tables WHERE table_schema =" + " 'public'"))
                    .as("the control database's own schema: the scripts went to the tenants")
                    .isEmpty();
        }
    }
}
