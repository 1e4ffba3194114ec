package dev.migrations.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Migrations;
import dev.migrations.StartRefusedException;
import dev.migrations.boot.MigrationsAutoConfiguration;
import dev.migrations.boot.MigrationsFleetInitializer;
import dev.migrations.boot.MigrationsFleetState;
import dev.migrations.boot.MigrationsInitializer;
import dev.migrations.boot.MigrationsTenantsAutoConfiguration;
import dev.migrations.boot.TestScripts;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.TenantLayout;
import dev.migrations.fleet.TenantOutcome.State;
import dev.migrations.fleet.TenantSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tenants from properties alone: the DataSource's own scripts (a tenants table), then each tenant's
 * schema, before the beans that read them; a failed tenant in the health, the meters and the log, or
 * a failed start-up with {@code fail-fast}.
 */
class MigrationsTenantsTests {
    @TempDir
    Path dir;

    private String shared;
    private String tenants;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    MigrationsAutoConfiguration.class,
                    MigrationsTenantsAutoConfiguration.class,
                    MigrationsFleetActuatorAutoConfiguration.class,
                    MigrationsEndpointAutoConfiguration.class,
                    EndpointAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues(
                    "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "management.endpoints.web.exposure.include=migrations");

    @BeforeEach
    void scripts() throws IOException {
        shared = write(
                "shared",
                "a0",
                "CREATE TABLE tenants (name VARCHAR(40));\n" + "INSERT INTO tenants VALUES ('acme'), ('globex');");
        tenants = write("tenants", "b0", "CREATE TABLE orders (id INT);\nINSERT INTO orders VALUES (1);");
    }

    private String write(String folder, String id, String upgrade) {
        return TestScripts.oneStep(dir.resolve(folder), id, upgrade);
    }

    @Test
    void everyTenantOfTheQueryIsMigratedIntoItsSchemaBeforeTheBeansThatReadIt() {
        runner.withUserConfiguration(OrdersReader.class)
                .withPropertyValues(
                        "migrations.locations=" + shared,
                        "migrations.tenants.locations=" + tenants,
                        "migrations.tenants.query=SELECT name FROM tenants ORDER BY name")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(MigrationsFleetInitializer.class);
                    assertThat(context.getBean(OrdersReader.class).counts)
                            .containsExactly(Map.entry("ACME", 1), Map.entry("GLOBEX", 1));
                    MigrationsFleetState fleet = context.getBean(MigrationsFleetState.class);
                    assertThat(fleet.snapshot().count(State.MIGRATED)).isEqualTo(2);
                    HealthIndicator health =
                            context.getBean("migrationsTenantsHealthContributor", HealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("migrations.tenants")
                                    .tag("state", "migrated")
                                    .gauge()
                                    .value())
                            .isEqualTo(2);
                    assertThat(meters.get("migrations.tenants.run")
                                    .functionTimer()
                                    .count())
                            .isEqualTo(1);
                });
    }

    @Test
    void withoutTenantLocationsTheScriptsGoToTheTenantsAndTheSharedSchemaIsLeftAlone() {
        runner.withPropertyValues("migrations.locations=" + tenants, "migrations.tenants.list=acme,globex")
                .run(context -> {
                    assertThat(context)
                            .hasNotFailed()
                            .doesNotHaveBean(MigrationsInitializer.class)
                            .doesNotHaveBean(Migrations.class)
                            .doesNotHaveBean("migrationsHealthContributor");
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForList(
                                    "SELECT table_schema FROM information_schema.tables WHERE table_name = 'ORDERS'"
                                            + " ORDER BY table_schema",
                                    String.class))
                            .containsExactly("ACME", "GLOBEX");
                    assertThat(jdbc.queryForList(
                                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'",
                                    String.class))
                            .isEmpty();
                    var descriptor = context.getBean(MigrationsEndpoint.class)
                            .migrations()
                            .contexts()
                            .values()
                            .iterator()
                            .next();
                    assertThat(descriptor.migrations()).isEmpty();
                    assertThat(descriptor.tenants().get("dataSource").states()).containsEntry("migrated", 2);
                });
    }

    @Test
    void aFailedTenantLetsTheApplicationStartAndShowsInTheHealthAndTheMeters() {
        runner.withPropertyValues(
                        "migrations.locations=" + shared,
                        "migrations.tenants.locations=" + tenants,
                        "migrations.tenants.list=acme,bad-name,globex")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    var health = context.getBean("migrationsTenantsHealthContributor", HealthIndicator.class)
                            .health();
                    TenantsDescriptor tenants = context.getBean(MigrationsEndpoint.class)
                            .migrations()
                            .contexts()
                            .values()
                            .iterator()
                            .next()
                            .tenants()
                            .get("dataSource");
                    assertThat(tenants.tenants()).isEqualTo(3);
                    assertThat(tenants.states()).containsEntry("migrated", 2).containsEntry("failed", 1);
                    assertThat(tenants.failed()).singleElement().satisfies(failed -> {
                        assertThat(failed.tenant()).isEqualTo("bad-name");
                        assertThat(failed.error()).contains("not a plain identifier");
                    });
                    assertThat(tenants.finishedAt()).isNotNull();
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(health.getDetails().get("failed").toString())
                            .contains("bad-name", "is not a plain identifier");
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("migrations.tenants")
                                    .tag("state", "failed")
                                    .gauge()
                                    .value())
                            .isEqualTo(1);
                    assertThat(meters.get("migrations.tenants")
                                    .tag("state", "migrated")
                                    .gauge()
                                    .value())
                            .isEqualTo(2);
                });
    }

    @Test
    void failFastFailsTheStartNamingTheTenant() {
        runner.withPropertyValues(
                        "migrations.locations=" + shared,
                        "migrations.tenants.locations=" + tenants,
                        "migrations.tenants.list=acme,bad-name,globex",
                        "migrations.tenants.parallelism=1",
                        "migrations.tenants.fail-fast=true")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(StartRefusedException.class)
                            .hasMessageContaining("bad-name");
                });
    }

    @Test
    void modeNoneLeavesTenantsPendingAndTheHealthSaysSo() {
        runner.withPropertyValues(
                        "migrations.locations=" + shared,
                        "migrations.tenants.locations=" + tenants,
                        "migrations.tenants.list=acme",
                        "migrations.mode=none")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MigrationsFleetState.class)
                                    .snapshot()
                                    .count(State.PENDING))
                            .isEqualTo(1);
                    assertThat(context.getBean("migrationsTenantsHealthContributor", HealthIndicator.class)
                                    .health()
                                    .getStatus())
                            .isEqualTo(Status.DOWN);
                });
    }

    @Test
    void invalidTenantSettingsFailTheStartNamingEachProperty() {
        runner.withPropertyValues(
                        "migrations.locations=" + shared,
                        "migrations.tenants.list=acme",
                        "migrations.tenants.query=SELECT 1",
                        "migrations.tenants.parallelism=0",
                        "migrations.tenants.shard=3/2",
                        "migrations.tenants.schema=tenants",
                        "migrations.tenants.url=postgresql://db/x")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(BindValidationException.class)
                            .hasMessageContaining("migrations.tenants.query")
                            .hasMessageContaining("migrations.tenants.parallelism")
                            .hasMessageContaining("Shard 3/2 does not exist")
                            .hasMessageContaining("migrations.tenants.schema")
                            .hasMessageContaining("migrations.tenants.url");
                });
    }

    @Test
    void withARefreshIntervalTheCountsFollowWhatAnotherRunnerDid() {
        runner.withPropertyValues(
                        "migrations.locations=" + shared,
                        "migrations.tenants.locations=" + tenants,
                        "migrations.tenants.list=acme",
                        "migrations.mode=none",
                        "migrations.tenants.refresh-interval=100ms")
                .run(context -> {
                    MigrationsFleetState fleet = context.getBean(MigrationsFleetState.class);
                    assertThat(fleet.snapshot().count(State.PENDING)).isEqualTo(1);
                    DataSource dataSource = context.getBean(DataSource.class);

                    // Another runner (a Job, another instance) migrates the tenant meanwhile.
                    Fleet.of(
                                    Migrations.configure()
                                            .locations(tenants)
                                            .dataSource(dataSource)
                                            .load(),
                                    TenantLayout.schemaPerTenant(dataSource),
                                    TenantSource.of(List.of("acme")),
                                    FleetOptions.defaults())
                            .upgrade("head");

                    long deadline =
                            System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
                    while (fleet.snapshot().count(State.AT_TARGET) != 1 && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    assertThat(fleet.snapshot().count(State.AT_TARGET)).isEqualTo(1);
                    assertThat(fleet.snapshot().count(State.PENDING)).isZero();
                    assertThat(context.getBean("migrationsTenantsHealthContributor", HealthIndicator.class)
                                    .health()
                                    .getStatus())
                            .isEqualTo(Status.UP);
                    assertThat(fleet.runs()).as("a status pass is not a run").isEqualTo(1);
                });
    }

    @Test
    void aTenantSourceBeanNamesTheTenants() {
        runner.withUserConfiguration(ApplicationTenants.class)
                .withPropertyValues("migrations.locations=" + tenants)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsInitializer.class);
                    assertThat(context.getBean(MigrationsFleetState.class)
                                    .snapshot()
                                    .count(State.MIGRATED))
                            .isEqualTo(2);
                    assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                                    .queryForList(
                                            "SELECT table_schema FROM information_schema.tables WHERE table_name ="
                                                    + " 'ORDERS' ORDER BY table_schema",
                                            String.class))
                            .containsExactly("INITECH", "UMBRELLA");
                });
    }

    /** The application's own source of tenants. */
    @Configuration(proxyBeanMethods = false)
    static class ApplicationTenants {
        @Bean
        TenantSource tenants() {
            return () -> List.of("initech", "umbrella");
        }
    }

    /** Reads every tenant's orders while the context starts: the tenants must be migrated by then. */
    @Configuration(proxyBeanMethods = false)
    static class OrdersReader {
        final Map<String, Integer> counts = new java.util.TreeMap<>();

        @Bean
        @DependsOnDatabaseInitialization
        List<String> ordersRead(DataSource dataSource) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            for (String schema : List.of("ACME", "GLOBEX")) {
                counts.put(schema, jdbc.queryForObject("SELECT COUNT(*) FROM " + schema + ".orders", Integer.class));
            }
            return List.copyOf(counts.keySet());
        }
    }
}
