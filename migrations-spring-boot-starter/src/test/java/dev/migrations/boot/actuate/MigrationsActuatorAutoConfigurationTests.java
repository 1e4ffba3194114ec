package dev.migrations.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Migrations;
import dev.migrations.boot.MigrationsAutoConfiguration;
import dev.migrations.boot.MigrationsRunState;
import dev.migrations.boot.MigrationsStateRefresher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which of the endpoint, the health contributor and the meters exist, and when. */
class MigrationsActuatorAutoConfigurationTests {
    private static final String HEAD = "1b2c3d4e5f60";

    private static final AutoConfigurations OURS = AutoConfigurations.of(
            DataSourceAutoConfiguration.class,
            MigrationsAutoConfiguration.class,
            MigrationsEndpointAutoConfiguration.class,
            MigrationsHealthContributorAutoConfiguration.class,
            MigrationsMetricsAutoConfiguration.class);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(OURS)
            .withConfiguration(AutoConfigurations.of(
                    EndpointAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("spring.datasource.generate-unique-name=true");

    @Test
    void withActuatorTheEndpointHealthAndMetersDescribeTheMigratedDatabase() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=migrations")
                .run(context -> {
                    assertThat(context)
                            .hasSingleBean(MigrationsEndpoint.class)
                            .hasSingleBean(MigrationsMetrics.class)
                            .hasSingleBean(MigrationsStateRefresher.class)
                            .hasBean("migrationsHealthContributor");
                    MigrationsRunState state = context.getBean(MigrationsRunState.class);
                    assertThat(state.name()).isEqualTo("dataSource");
                    assertThat(MigrationsRunState.of(context.getBean(Migrations.class)))
                            .isSameAs(state);
                    assertThat(context.getBean(MigrationsStateRefresher.class).isRunning())
                            .isTrue();
                    // The refresher read the database when the context started.
                    assertThat(state.status()).isNotNull();
                    assertThat(state.status().current()).containsExactly(HEAD);

                    HealthIndicator health = context.getBean("migrationsHealthContributor", HealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("migrations.pending")
                                    .tag("datasource", "dataSource")
                                    .gauge()
                                    .value())
                            .isZero();
                    assertThat(registry.get("migrations.heads").gauge().value()).isEqualTo(1.0);
                    assertThat(registry.get("migrations.applied")
                                    .tag("direction", "upgrade")
                                    .functionCounter()
                                    .count())
                            .isEqualTo(2.0);
                    assertThat(registry.get("migrations.run")
                                    .tags("direction", "upgrade", "outcome", "success")
                                    .functionTimer()
                                    .count())
                            .isEqualTo(1.0);
                    assertThat(registry.get("migrations.info")
                                    .tags("current", HEAD, "head", HEAD)
                                    .gauge()
                                    .value())
                            .isEqualTo(1.0);
                    assertThat(registry.get("migrations.last.run.timestamp")
                                    .timeGauge()
                                    .value())
                            .isPositive();

                    MigrationsEndpoint.EngineDescriptor engine = context.getBean(MigrationsEndpoint.class)
                            .migrations()
                            .contexts()
                            .get(context.getId())
                            .migrations()
                            .get("dataSource");
                    assertThat(engine.current()).containsExactly(HEAD);
                    assertThat(engine.upToDate()).isTrue();
                    assertThat(engine.revisions())
                            .extracting(MigrationsEndpoint.RevisionDescriptor::state)
                            .containsOnly("applied");
                });
    }

    @Test
    void theEndpointExistsOnlyWhenExposed() {
        runner.run(context -> assertThat(context)
                .doesNotHaveBean(MigrationsEndpoint.class)
                .hasBean("migrationsHealthContributor")
                .hasSingleBean(MigrationsMetrics.class));
        runner.withPropertyValues(
                        "management.endpoints.web.exposure.include=migrations",
                        "management.endpoint.migrations.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(MigrationsEndpoint.class));
    }

    @Test
    void theMetersCanBeTurnedOffByPrefix() {
        runner.withPropertyValues("management.metrics.enable.migrations=false").run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("migrations.pending").gauge()).isNull();
            assertThat(registry.find("migrations.info").gauge()).isNull();
            assertThat(registry.find("migrations.run").functionTimer()).isNull();
        });
    }

    @Test
    void theHealthContributorCanBeTurnedOff() {
        runner.withPropertyValues("management.health.migrations.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean("migrationsHealthContributor")
                .hasSingleBean(MigrationsMetrics.class)
                .hasSingleBean(MigrationsStateRefresher.class));
    }

    @Test
    void withoutActuatorOrMicrometerOnlyTheEngineAndItsStateExist() {
        new ApplicationContextRunner()
                .withConfiguration(OURS)
                .withPropertyValues("spring.datasource.generate-unique-name=true")
                .withClassLoader(new FilteredClassLoader(
                        ConditionalOnAvailableEndpoint.class, HealthIndicator.class, MeterRegistry.class))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(Migrations.class)
                        .hasSingleBean(MigrationsRunState.class)
                        .doesNotHaveBean(MigrationsEndpoint.class)
                        .doesNotHaveBean(HealthContributor.class)
                        .doesNotHaveBean(MigrationsMetrics.class)
                        .doesNotHaveBean(MigrationsStateRefresher.class));
    }

    @Test
    void withoutMicrometerThereAreNoMetersButHealthStillWorks() {
        new ApplicationContextRunner()
                .withConfiguration(OURS)
                .withConfiguration(AutoConfigurations.of(
                        EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class))
                .withPropertyValues("spring.datasource.generate-unique-name=true")
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> {
                    assertThat(context)
                            .doesNotHaveBean(MigrationsMetrics.class)
                            .hasBean("migrationsHealthContributor")
                            .hasSingleBean(MigrationsStateRefresher.class);
                    assertThat(context.getBean("migrationsHealthContributor", HealthIndicator.class)
                                    .health()
                                    .getStatus())
                            .isEqualTo(Status.UP);
                });
    }

    @Test
    void withoutTheHealthModuleThereIsNoHealthContributor() {
        new ApplicationContextRunner()
                .withConfiguration(OURS)
                .withConfiguration(AutoConfigurations.of(
                        EndpointAutoConfiguration.class,
                        MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class))
                .withPropertyValues("spring.datasource.generate-unique-name=true")
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context)
                        .doesNotHaveBean("migrationsHealthContributor")
                        .hasSingleBean(MigrationsMetrics.class));
    }

    @Test
    void nothingWhenTheStarterIsOff() {
        runner.withPropertyValues("migrations.enabled=false", "management.endpoints.web.exposure.include=migrations")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(MigrationsEndpoint.class)
                        .doesNotHaveBean("migrationsHealthContributor")
                        .doesNotHaveBean(MigrationsMetrics.class)
                        .doesNotHaveBean(MigrationsStateRefresher.class));
    }

    @Test
    void pendingRevisionsReportTheConfiguredDownStatus() {
        runner.withPropertyValues("migrations.mode=none").run(context -> {
            HealthIndicator health = context.getBean("migrationsHealthContributor", HealthIndicator.class);
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(context.getBean(MeterRegistry.class)
                            .get("migrations.pending")
                            .gauge()
                            .value())
                    .isEqualTo(2.0);
        });
        runner.withPropertyValues("migrations.mode=none", "migrations.health.down-status=OUT_OF_SERVICE")
                .run(context -> assertThat(context.getBean("migrationsHealthContributor", HealthIndicator.class)
                                .health()
                                .getStatus())
                        .isEqualTo(Status.OUT_OF_SERVICE));
    }

    @Test
    void enginesOfTheApplicationsOwnAreObservedUnderTheirDataSourceNames() {
        runner.withUserConfiguration(TwoEngines.class)
                .withPropertyValues("management.endpoints.web.exposure.include=migrations")
                .run(context -> {
                    assertThat(context).doesNotHaveBean("migrationsRunState");
                    HealthContributor contributor =
                            context.getBean("migrationsHealthContributor", HealthContributor.class);
                    assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
                    CompositeHealthContributor composite = (CompositeHealthContributor) contributor;
                    assertThat(composite.getContributor("ordersDataSource")).isInstanceOf(HealthIndicator.class);
                    assertThat(((HealthIndicator) composite.getContributor("auditDataSource"))
                                    .health()
                                    .getStatus())
                            .isEqualTo(Status.UP);
                    assertThat(context.getBean(MigrationsEndpoint.class)
                                    .migrations()
                                    .contexts()
                                    .get(context.getId())
                                    .migrations())
                            .containsOnlyKeys("ordersDataSource", "auditDataSource");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("migrations.applied")
                                    .tags("datasource", "auditDataSource", "direction", "upgrade")
                                    .functionCounter()
                                    .count())
                            .isEqualTo(2.0);
                    assertThat(registry.get("migrations.pending")
                                    .tag("datasource", "ordersDataSource")
                                    .gauge()
                                    .value())
                            .isEqualTo(2.0);
                });
    }

    @Test
    void dataSourcesDeclaredInPropertiesHaveAnEndpointEntryAHealthComponentAndMetersEach() {
        runner.withUserConfiguration(TwoDataSources.class)
                .withPropertyValues(
                        "management.endpoints.web.exposure.include=migrations",
                        "migrations.datasources.ordersDataSource.target=head",
                        // Only looked at: its revisions stay pending and its health is down.
                        "migrations.datasources.auditDataSource.mode=none")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("migrations");
                    Map<String, MigrationsEndpoint.EngineDescriptor> entries = context.getBean(MigrationsEndpoint.class)
                            .migrations()
                            .contexts()
                            .get(context.getId())
                            .migrations();
                    assertThat(entries).containsOnlyKeys("ordersDataSource", "auditDataSource");
                    assertThat(entries.get("auditDataSource").pending()).hasSize(2);
                    CompositeHealthContributor health =
                            context.getBean("migrationsHealthContributor", CompositeHealthContributor.class);
                    Map<String, Status> statuses = new LinkedHashMap<>();
                    health.stream()
                            .forEach(entry -> statuses.put(
                                    entry.name(),
                                    ((HealthIndicator) entry.contributor())
                                            .health()
                                            .getStatus()));
                    assertThat(statuses)
                            .containsExactlyInAnyOrderEntriesOf(
                                    Map.of("ordersDataSource", Status.UP, "auditDataSource", Status.DOWN));
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("migrations.pending").gauges())
                            .extracting(gauge -> gauge.getId().getTag("datasource") + "=" + gauge.value())
                            .containsExactlyInAnyOrder("ordersDataSource=0.0", "auditDataSource=2.0");
                });
    }

    @Test
    void theRefreshIntervalMustBePositive() {
        runner.withPropertyValues("migrations.metrics.refresh-interval=0s").run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            while (failure != null && !(failure instanceof BindValidationException)) {
                failure = failure.getCause();
            }
            assertThat(failure).isNotNull();
            assertThat(((BindValidationException) failure).getValidationErrors().getAllErrors())
                    .anySatisfy(error ->
                            assertThat(error.toString()).contains("'metrics.refreshInterval'", "must be positive"));
        });
    }

    @Test
    void theRefreshIntervalIsBoundWithUnits() {
        runner.withPropertyValues("migrations.metrics.refresh-interval=250ms")
                .run(context -> assertThat(context.getBean(dev.migrations.boot.MigrationsProperties.class)
                                .getMetrics()
                                .getRefreshInterval())
                        .isEqualTo(Duration.ofMillis(250)));
    }

    /** Two DataSources, neither primary, for engines declared in properties. */
    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @Bean
        DataSource ordersDataSource() {
            return DataSourceBuilder.create().url(h2Url()).username("sa").build();
        }

        @Bean
        DataSource auditDataSource() {
            return DataSourceBuilder.create().url(h2Url()).username("sa").build();
        }

        private static String h2Url() {
            return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        }
    }

    /** Two engines the application defines itself, each with its own state. */
    @Configuration(proxyBeanMethods = false)
    static class TwoEngines {
        @Bean
        Migrations ordersMigrations() {
            // Not migrated: both revisions stay pending.
            return engine("ordersDataSource");
        }

        @Bean
        Migrations auditMigrations() {
            Migrations engine = engine("auditDataSource");
            engine.upgrade("head");
            return engine;
        }

        private static Migrations engine(String name) {
            return Migrations.configure()
                    .locations("classpath:db/migrations")
                    .url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
                    .listener(new MigrationsRunState(name, "head"))
                    .load();
        }
    }
}
