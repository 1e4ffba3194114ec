package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import dev.migrations.StartRefusedException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/** DataSources declared under {@code migrations.datasources.<name>.*}, each migrated with no Java code. */
class MigrationsDataSourcesTests {
    private static final String HEAD = "1b2c3d4e5f60";
    private static final String AUDIT = "auda00000001";

    private final H2Database orders = new H2Database();
    private final H2Database audit = new H2Database();

    @TempDir
    Path auditScripts;

    private ApplicationContextRunner runner;

    @BeforeEach
    void writeTheAuditScriptsAndPointTheDataSourcesAtTheDatabases() {
        TestScripts.revision(auditScripts, AUDIT, "", "CREATE TABLE audit_log (id INT)", "DROP TABLE audit_log");
        runner = new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrationsAutoConfiguration.class))
                .withPropertyValues("test.orders-url=" + orders.url(), "test.audit-url=" + audit.url());
    }

    private String auditLocations() {
        return "migrations.datasources.auditDataSource.locations=" + TestScripts.location(auditScripts);
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
        runner.withUserConfiguration(TwoDataSources.class, Readers.class)
                .withPropertyValues(
                        "migrations.datasources.ordersDataSource.target=head",
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
                    assertThat(context.getBean("ordersReader", Reader.class).rows())
                            .containsExactly("sprocket");
                    assertThat(context.getBean("auditReader", Reader.class).rows())
                            .isEmpty();
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
        assertThat(orders.strings("SELECT version_num FROM alembic_version")).containsExactly(HEAD);
        assertThat(audit.strings("SELECT version_num FROM audit_version")).containsExactly(AUDIT);
        assertThat(audit.hasTable("ALEMBIC_VERSION")).isFalse();
    }

    @Test
    void theTopLevelEngineKeepsThePrimaryAndEveryEntryInheritsWhatItDoesNotSet() throws SQLException {
        runner.withUserConfiguration(PrimaryOrders.class)
                .withPropertyValues(
                        "migrations.version-table=app_version",
                        "migrations.lock-wait-timeout=42s",
                        "migrations.validate-checksums=false",
                        auditLocations(),
                        "migrations.datasources.auditDataSource.validate-checksums=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("migrations", Migrations.class)
                                    .config()
                                    .dataSource())
                            .isSameAs(context.getBean("ordersDataSource"));
                    MigrationsConfig auditConfig = context.getBean("auditDataSourceMigrations", Migrations.class)
                            .config();
                    assertThat(auditConfig.dataSource()).isSameAs(context.getBean("auditDataSource"));
                    assertThat(auditConfig.versionTable()).isEqualTo("app_version");
                    assertThat(auditConfig.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(42));
                    assertThat(auditConfig.validateChecksums()).isTrue();
                    assertThat(auditConfig.locations()).containsExactly(TestScripts.location(auditScripts));
                });
        assertThat(orders.strings("SELECT version_num FROM app_version")).containsExactly(HEAD);
        assertThat(audit.strings("SELECT version_num FROM app_version")).containsExactly(AUDIT);
    }

    @Test
    void namingTheTopLevelEnginesDataSourceConfiguresItOnceFromItsEntry() throws SQLException {
        runner.withUserConfiguration(PrimaryOrders.class)
                .withPropertyValues("migrations.datasources.ordersDataSource.version-table=orders_version")
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
        runner.withUserConfiguration(PrimaryOrders.class)
                .withPropertyValues("migrations.user=migrator", "migrations.password=secret", auditLocations())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("auditDataSourceMigrations", Migrations.class)
                                    .config()
                                    .dataSource())
                            .isSameAs(context.getBean("auditDataSource"));
                });
        assertThat(orders.strings("SELECT DISTINCT applied_by FROM alembic_version_history"))
                .containsExactly("MIGRATOR");
        assertThat(audit.strings("SELECT DISTINCT applied_by FROM alembic_version_history"))
                .containsExactly("SA");
    }

    @Test
    void aNameThatMatchesNoDataSourceStopsTheStartNamingThePropertyAndTheDataSources() throws SQLException {
        runner.withUserConfiguration(PrimaryOrders.class)
                .withPropertyValues("migrations.datasources.reporting.locations=classpath:db/reporting")
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
        runner.withUserConfiguration(PrimaryOrders.class)
                .withPropertyValues(
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
    void theDeclaredInitializersStayEagerUnderLazyInitialization() throws SQLException {
        runner.withInitializer(context ->
                        context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
                .withUserConfiguration(TwoDataSources.class)
                .withPropertyValues("migrations.datasources.ordersDataSource.target=head", auditLocations())
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(orders.strings("SELECT version_num FROM alembic_version")).containsExactly(HEAD);
        assertThat(audit.strings("SELECT version_num FROM alembic_version")).containsExactly(AUDIT);
    }

    @Test
    void aKeyThatDiffersFromTheBeanNameInCaseAloneFindsTheBean() throws SQLException {
        runner.withUserConfiguration(PrimaryOrders.class)
                .withPropertyValues(
                        "migrations.datasources.auditdatasource.locations=" + TestScripts.location(auditScripts))
                .run(context -> assertThat(context).hasNotFailed().hasBean("auditDataSourceMigrations"));
        assertThat(audit.strings("SELECT version_num FROM alembic_version")).containsExactly(AUDIT);
    }

    @Test
    void aStrategyReplacesTheRunOfEveryDeclaredEngine() throws SQLException {
        List<String> strategyRan = new ArrayList<>();
        runner.withUserConfiguration(TwoDataSources.class)
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

    /** Two DataSources and no Java for migrations: neither is primary. */
    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @Bean
        DataSource ordersDataSource(@Value("${test.orders-url}") String url) {
            return h2(url);
        }

        @Bean
        DataSource auditDataSource(@Value("${test.audit-url}") String url) {
            return h2(url);
        }
    }

    /** The same with the orders DataSource primary: the top-level engine's. */
    @Configuration(proxyBeanMethods = false)
    static class PrimaryOrders {
        @Bean
        @Primary
        DataSource ordersDataSource(@Value("${test.orders-url}") String url) {
            return h2(url);
        }

        @Bean
        DataSource auditDataSource(@Value("${test.audit-url}") String url) {
            return h2(url);
        }
    }

    static DataSource h2(String url) {
        return DataSourceBuilder.create().url(url).username("sa").build();
    }

    /** A JdbcTemplate per DataSource and a bean that reads its migrated table while it is created. */
    @Configuration(proxyBeanMethods = false)
    static class Readers {
        @Bean
        JdbcTemplate ordersJdbcTemplate(@Qualifier("ordersDataSource") DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        JdbcTemplate auditJdbcTemplate(@Qualifier("auditDataSource") DataSource dataSource) {
            return new JdbcTemplate(dataSource);
        }

        @Bean
        Reader ordersReader(@Qualifier("ordersJdbcTemplate") JdbcTemplate jdbc) {
            return new Reader(jdbc.queryForList("SELECT name FROM widgets", String.class));
        }

        @Bean
        Reader auditReader(@Qualifier("auditJdbcTemplate") JdbcTemplate jdbc) {
            return new Reader(jdbc.queryForList("SELECT CAST(id AS VARCHAR) FROM audit_log", String.class));
        }
    }

    record Reader(List<String> rows) {}
}
