package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import dev.migrations.StartRefusedException;
import dev.migrations.boot.it.fleet.FleetDataSources;
import dev.migrations.boot.it.fleet.FleetReaders;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** DataSources declared under {@code migrations.datasources.<name>.*}, each migrated with no Java code. */
class MigrationsDataSourcesTests {
    private static final String HEAD = "1b2c3d4e5f60";
    private static final String AUDIT = "auda00000001";
    private static final String ORDERS = "0dd500000001";

    private final H2Database orders = new H2Database();
    private final H2Database audit = new H2Database();

    /** Scripts of the declared DataSources, a directory each. */
    @TempDir
    Path scripts;

    private ApplicationContextRunner runner;

    @BeforeEach
    void writeTheAuditScriptsAndPointTheDataSourcesAtTheDatabases() {
        TestScripts.revision(
                scripts.resolve("audit"),
                AUDIT,
                "",
                "CREATE TABLE audit_log (event VARCHAR(20));\nINSERT INTO audit_log VALUES ('boot');",
                "DROP TABLE audit_log");
        runner = new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
                .withPropertyValues(
                        "fleet.orders-url=" + orders.url(), "fleet.audit-url=" + audit.url(), "fleet.user=sa");
    }

    private Path ordersScripts() {
        return TestScripts.revision(
                        scripts.resolve("orders"),
                        ORDERS,
                        "",
                        "CREATE TABLE orders (item VARCHAR(20));\nINSERT INTO orders VALUES ('anvil');",
                        "DROP TABLE orders")
                .getParent();
    }

    private String auditLocations() {
        return "migrations.datasources.auditDataSource.locations=" + TestScripts.location(scripts.resolve("audit"));
    }

    /** The runner with {@link PrimaryOrders} and these properties. */
    private ApplicationContextRunner withPrimaryOrders(String... properties) {
        return runner.withUserConfiguration(PrimaryOrders.class).withPropertyValues(properties);
    }

    /** The DataSource the engine of that bean name migrates. */
    private static @Nullable DataSource migrated(AssertableApplicationContext context, String engine) {
        return context.getBean(engine, Migrations.class).config().dataSource();
    }

    private static StartRefusedException refusal(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t instanceof StartRefusedException refused) {
                return refused;
            }
        }
        throw new AssertionError("no StartRefusedException", context.getStartupFailure());
    }

    @Test
    void migratesEveryDataSourceThePropertiesNameBeforeTheBeansThatReadThem() throws SQLException {
        runner.withUserConfiguration(FleetDataSources.class, FleetReaders.class)
                .withPropertyValues(
                        "migrations.datasources.ordersDataSource.locations=" + TestScripts.location(ordersScripts()),
                        auditLocations(),
                        "migrations.datasources.auditDataSource.version-table=audit_version")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("migrations");
                    assertThat(context.getBeansOfType(Migrations.class))
                            .containsOnlyKeys("ordersDataSourceMigrations", "auditDataSourceMigrations");
                    assertThat(context.getBeansOfType(MigrationsInitializer.class))
                            .containsOnlyKeys(
                                    "ordersDataSourceMigrationsInitializer", "auditDataSourceMigrationsInitializer");
                    // Each reader queried its migrated table while it was created.
                    assertThat(FleetReaders.whatTheReadersRead(context)).containsExactly("anvil", "boot");
                    for (String jdbc : List.of("ordersJdbcTemplate", "auditJdbcTemplate")) {
                        assertThat(context.getBeanFactory()
                                        .getBeanDefinition(jdbc)
                                        .getDependsOn())
                                .contains(
                                        "ordersDataSourceMigrationsInitializer",
                                        "auditDataSourceMigrationsInitializer");
                    }
                    assertThat(MigrationsRunState.of(context.getBean("auditDataSourceMigrations", Migrations.class)))
                            .extracting(MigrationsRunState::name)
                            .isEqualTo("auditDataSource");
                });
        assertThat(orders.strings("SELECT version_num FROM alembic_version")).containsExactly(ORDERS);
        assertThat(audit.strings("SELECT version_num FROM audit_version")).containsExactly(AUDIT);
        assertThat(audit.hasTable("ALEMBIC_VERSION")).isFalse();
    }

    @Test
    void theTopLevelEngineKeepsThePrimaryAndEveryEntryInheritsWhatItDoesNotSet() throws SQLException {
        withPrimaryOrders(
                        "migrations.version-table=app_version",
                        "migrations.lock-wait-timeout=42s",
                        "migrations.validate-checksums=false",
                        "migrations.ddl-lock-retries=3",
                        "migrations.ddl-lock-retry-delay=2s",
                        auditLocations(),
                        "migrations.datasources.auditDataSource.validate-checksums=true",
                        "migrations.datasources.auditDataSource.ddl-lock-retry-delay=750ms")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(migrated(context, "migrations")).isSameAs(context.getBean("ordersDataSource"));
                    MigrationsConfig auditConfig = context.getBean("auditDataSourceMigrations", Migrations.class)
                            .config();
                    assertThat(auditConfig.dataSource()).isSameAs(context.getBean("auditDataSource"));
                    assertThat(auditConfig.versionTable()).isEqualTo("app_version");
                    assertThat(auditConfig.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(42));
                    assertThat(auditConfig.validateChecksums()).isTrue();
                    assertThat(auditConfig.ddlLockRetries()).isEqualTo(3);
                    assertThat(auditConfig.ddlLockRetryDelay()).isEqualTo(Duration.ofMillis(750));
                    assertThat(context.getBean("migrations", Migrations.class)
                                    .config()
                                    .ddlLockRetryDelay())
                            .isEqualTo(Duration.ofSeconds(2));
                    assertThat(auditConfig.locations()).containsExactly(TestScripts.location(scripts.resolve("audit")));
                });
        assertThat(orders.strings("SELECT version_num FROM app_version")).containsExactly(HEAD);
        assertThat(audit.strings("SELECT version_num FROM app_version")).containsExactly(AUDIT);
    }

    @Test
    void namingTheTopLevelEnginesDataSourceConfiguresItOnceFromItsEntry() throws SQLException {
        withPrimaryOrders("migrations.datasources.ordersDataSource.version-table=orders_version")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("migrations");
                    assertThat(context).hasSingleBean(Migrations.class).hasBean("ordersDataSourceMigrations");
                });
        assertThat(orders.strings("SELECT version_num FROM orders_version")).containsExactly(HEAD);
        assertThat(orders.hasTable("ALEMBIC_VERSION")).isFalse();
        assertThat(audit.hasTable("ALEMBIC_VERSION")).isFalse();
    }

    @Test
    void theConnectionSettingsAreNotInherited() throws SQLException {
        orders.execute("CREATE USER migrator PASSWORD 'secret' ADMIN");
        withPrimaryOrders("migrations.user=migrator", "migrations.password=secret", auditLocations())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(migrated(context, "auditDataSourceMigrations"))
                            .isSameAs(context.getBean("auditDataSource"));
                });
        assertThat(orders.strings("SELECT DISTINCT applied_by FROM alembic_version_history"))
                .containsExactly("MIGRATOR");
        assertThat(audit.strings("SELECT DISTINCT applied_by FROM alembic_version_history"))
                .containsExactly("SA");
    }

    @Test
    void aNameThatMatchesNoDataSourceStopsTheStartNamingThePropertyAndTheDataSources() throws SQLException {
        withPrimaryOrders("migrations.datasources.reporting.locations=classpath:db/reporting")
                .run(context -> {
                    StartRefusedException refused = refusal(context);
                    assertThat(refused)
                            .hasMessageContaining("migrations.datasources.reporting: no DataSource bean is named"
                                    + " reporting; the DataSource beans are ordersDataSource, auditDataSource");
                    FailureAnalysis analysis = new MigrationsFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis).isNotNull();
                    assertThat(analysis.getDescription()).contains("migrations.datasources.reporting");
                });
        // Refused while the bean definitions were read: no database was touched.
        assertThat(orders.hasTable("ALEMBIC_VERSION")).isFalse();
    }

    @Test
    void anInvalidEntryStopsTheStartNamingTheEntrysProperty() throws SQLException {
        withPrimaryOrders(
                        "migrations.datasources.auditDataSource.lock-wait-timeout=-5s",
                        "migrations.datasources.auditDataSource.version-table=bad-name",
                        "migrations.datasources.auditDataSource.locations=",
                        "migrations.datasources.auditDataSource.metrics.refresh-interval=5s")
                .run(context -> assertThat(refusal(context))
                        .hasMessageContaining("migrations.datasources.auditDataSource.lock-wait-timeout: The lock"
                                + " wait timeout must not be negative")
                        .hasMessageContaining("migrations.datasources.auditDataSource.version-table: Version table"
                                + " name 'bad-name' is not a plain identifier")
                        .hasMessageContaining(
                                "migrations.datasources.auditDataSource.locations: give at least one location")
                        .hasMessageContaining("migrations.datasources.auditDataSource.metrics: applies to every"
                                + " DataSource; set migrations.metrics instead"));
        assertThat(orders.hasTable("ALEMBIC_VERSION")).isFalse();
    }

    @Test
    void aValueThatDoesNotConvertStopsTheStartNamingTheEntrysProperty() throws SQLException {
        withPrimaryOrders("migrations.datasources.auditDataSource.mode=sometimes")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    while (failure != null && !(failure instanceof BindException)) {
                        failure = failure.getCause();
                    }
                    assertThat(failure).isInstanceOf(BindException.class);
                    BindException bind = (BindException) failure;
                    // What Spring Boot's failure analysis shows: the property, its value and where it was set.
                    assertThat(bind.getProperty()).isNotNull();
                    assertThat(bind.getProperty().getName()).hasToString("migrations.datasources.auditdatasource.mode");
                    assertThat(bind.getProperty().getValue()).isEqualTo("sometimes");
                });
        assertThat(orders.hasTable("ALEMBIC_VERSION")).isFalse();
    }

    @Test
    void theDeclaredInitializersStayEagerUnderLazyInitialization() throws SQLException {
        runner.withInitializer(context ->
                        context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
                .withUserConfiguration(FleetDataSources.class)
                .withPropertyValues("migrations.datasources.ordersDataSource.target=head", auditLocations())
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(orders.strings("SELECT version_num FROM alembic_version")).containsExactly(HEAD);
        assertThat(audit.strings("SELECT version_num FROM alembic_version")).containsExactly(AUDIT);
    }

    @Test
    void aKeyThatDiffersFromTheBeanNameInCaseAloneFindsTheBean() throws SQLException {
        withPrimaryOrders("migrations.datasources.auditdatasource.locations="
                        + TestScripts.location(scripts.resolve("audit")))
                .run(context -> assertThat(context).hasNotFailed().hasBean("auditDataSourceMigrations"));
        assertThat(audit.strings("SELECT version_num FROM alembic_version")).containsExactly(AUDIT);
    }

    @Test
    void anEnvironmentVariableAddsToTheEntryOfTheSameDataSource() throws SQLException {
        withPrimaryOrders(auditLocations())
                .withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                "test-systemEnvironment",
                                Map.of("MIGRATIONS_DATASOURCES_AUDITDATASOURCE_VERSIONTABLE", "env_version"))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(Migrations.class))
                            .containsOnlyKeys("migrations", "auditDataSourceMigrations");
                });
        assertThat(audit.strings("SELECT version_num FROM env_version")).containsExactly(AUDIT);
    }

    @Test
    void aStrategyReplacesTheRunOfEveryDeclaredEngine() throws SQLException {
        List<String> strategyRan = new ArrayList<>();
        runner.withUserConfiguration(FleetDataSources.class)
                .withBean(
                        MigrationsStrategy.class,
                        () -> engine ->
                                strategyRan.add(MigrationsRunState.of(engine).name()))
                .withPropertyValues("migrations.datasources.ordersDataSource.target=head", auditLocations())
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(strategyRan).containsExactlyInAnyOrder("ordersDataSource", "auditDataSource");
        assertThat(orders.hasTable("ALEMBIC_VERSION")).isFalse();
    }

    // ------------------------------------------------------------------ user configurations

    /** The DataSources of {@link FleetDataSources} with the orders one primary: the top-level engine's. */
    @Configuration(proxyBeanMethods = false)
    static class PrimaryOrders {
        @Bean
        @Primary
        DataSource ordersDataSource(Environment environment) {
            return FleetDataSources.dataSource(environment, "fleet.orders-url");
        }

        @Bean
        DataSource auditDataSource(Environment environment) {
            return FleetDataSources.dataSource(environment, "fleet.audit-url");
        }
    }
}
