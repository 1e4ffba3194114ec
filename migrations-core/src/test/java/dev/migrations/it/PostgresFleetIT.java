package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.FleetResult;
import dev.migrations.fleet.TenantLayout;
import dev.migrations.fleet.TenantOutcome.State;
import dev.migrations.fleet.TenantSource;
import dev.migrations.testserver.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fleets of tenant schemas on PostgreSQL, and of tenant databases. */
class PostgresFleetIT extends FleetContract {
    @Override
    TestDatabase createDatabase() {
        return TestDatabases.postgres();
    }

    @Test
    void databasePerTenantMigratesEachDatabaseAndAnUnreachableOneFailsAlone() throws Exception {
        files.linear("r1", "r2");
        TestPostgres server = TestPostgres.server();
        String one = server.createDatabase("mig_tenant_");
        String two = server.createDatabase("mig_tenant_");
        try {
            TenantLayout layout = new TenantLayout.DatabasePerTenant(
                    TestPostgres.withDatabase(server.url(), TenantLayout.TENANT), server.user(), server.password());

            FleetResult result = Fleet.of(
                            engine(),
                            layout,
                            TenantSource.of(List.of(one, "mig_tenant_missing", two)),
                            FleetOptions.defaults().parallelism(3))
                    .upgrade("head");

            assertThat(result.count(State.MIGRATED)).as(result.summary()).isEqualTo(2);
            assertThat(result.failed()).singleElement().satisfies(failed -> {
                assertThat(failed.tenant()).isEqualTo("mig_tenant_missing");
                assertThat(failed.error()).contains("mig_tenant_missing").contains("does not exist");
            });
            try (var connection = server.connect(server.url(two));
                    var st = connection.createStatement();
                    var rs = st.executeQuery("SELECT version_num FROM alembic_version")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("r2");
            }
        } finally {
            server.dropDatabase(one);
            server.dropDatabase(two);
        }
    }
}
