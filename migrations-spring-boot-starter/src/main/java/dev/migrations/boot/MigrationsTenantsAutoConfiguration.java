package dev.migrations.boot;

import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import dev.migrations.adopt.SourceTool;
import dev.migrations.adopt.ToolHistory;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetListener;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.TenantLayout;
import dev.migrations.fleet.TenantSource;
import dev.migrations.spi.JavaMigration;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Tenants ({@code migrations.tenants.*}): the auto-configured engine's scripts, or the tenants' own,
 * applied at start-up to every tenant's schema or database, after the DataSource's own migration and
 * before the beans that use the database.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class)
@ConditionalOnClass(Migrations.class)
@Conditional({
    MigrationsAutoConfiguration.MigrationsDataSourceCondition.class,
    MigrationsTenantsAutoConfiguration.TenantsConfigured.class
})
@ConditionalOnBooleanProperty(name = "migrations.enabled", matchIfMissing = true)
@EnableConfigurationProperties({MigrationsProperties.class, MigrationsTenantsProperties.class})
public final class MigrationsTenantsAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationsTenantsAutoConfiguration.class);

    /** Keeps the fleet's initializer eager under {@code spring.main.lazy-initialization=true}. */
    @Bean
    static LazyInitializationExcludeFilter migrationsFleetLazyInitializationExcludeFilter() {
        return LazyInitializationExcludeFilter.forBeanTypes(MigrationsFleetInitializer.class);
    }

    @Bean
    MigrationsFleetState migrationsFleetState(
            ConfigurableListableBeanFactory beanFactory,
            ObjectProvider<DataSource> dataSource,
            @MigrationsDataSource ObjectProvider<DataSource> migrationsDataSource) {
        return new MigrationsFleetState(MigrationsAutoConfiguration.MigrationsConfiguration.dataSourceName(
                beanFactory, migrationsDataSource.getIfAvailable(), dataSource.getIfUnique()));
    }

    /**
     * The tenants over the DataSource the top-level engine would migrate (the tenant query runs there,
     * and schema-per-tenant tenants live there): with {@code migrations.tenants.locations}, their own
     * scripts; without, the scripts of {@code migrations.locations}, the Java migration beans and the
     * customizers, which then have no top-level engine to go to.
     */
    @Bean
    Fleet migrationsFleet(
            MigrationsProperties properties,
            MigrationsTenantsProperties tenants,
            MigrationsFleetState state,
            ResourceLoader resourceLoader,
            ObjectProvider<DataSource> dataSource,
            @MigrationsDataSource ObjectProvider<DataSource> migrationsDataSource,
            ObjectProvider<MigrationsConfigurationCustomizer> customizers,
            ObjectProvider<JavaMigration> javaMigrations,
            ObjectProvider<TenantSource> applicationSource) {
        DataSource database = MigrationsAutoConfiguration.MigrationsConfiguration.migrationDataSource(
                properties, migrationsDataSource.getIfAvailable(), dataSource.getIfUnique());
        MigrationsConfig.Builder configuration =
                properties.configure(resourceLoader.getClassLoader()).dataSource(database);
        if (tenants.getLocations().isEmpty()) {
            configuration.javaMigrations(javaMigrations.orderedStream().toList());
            customizers.orderedStream().forEach(customizer -> customizer.customize(configuration));
        } else {
            configuration.locations(tenants.getLocations());
        }
        TenantLayout layout = tenants.getUrl() == null
                ? new TenantLayout.SchemaPerTenant(database, tenants.getSchema())
                : new TenantLayout.DatabasePerTenant(tenants.getUrl(), tenants.getUser(), tenants.getPassword());
        TenantSource source =
                applicationSource.getIfAvailable(() -> tenants.getList().isEmpty()
                        ? TenantSource.query(database, Objects.requireNonNull(tenants.getQuery()))
                        : TenantSource.of(tenants.getList()));
        FleetOptions options = FleetOptions.defaults()
                .parallelism(tenants.getParallelism())
                .onFailure(tenants.isFailFast() ? FleetOptions.OnFailure.STOP : FleetOptions.OnFailure.CONTINUE)
                .shard(tenants.getShard() == null ? null : FleetOptions.Shard.parse(tenants.getShard()))
                .listener(withProgressLog(state));
        return Fleet.of(configuration.load(), layout, source, options);
    }

    /**
     * The fleet's initializer; it comes after the DataSource's own (the tenant query may read a table
     * that migration makes).
     */
    @Bean
    MigrationsFleetInitializer migrationsFleetInitializer(
            Fleet migrationsFleet,
            MigrationsProperties properties,
            MigrationsTenantsProperties tenants,
            MigrationsFleetState state,
            ObjectProvider<MigrationsInitializer> initializers,
            Environment environment) {
        List<MigrationsInitializer> before = initializers.orderedStream().toList();
        LOG.debug("Tenants migrate after {} initializer(s)", before.size());
        // A tenant that Flyway or Liquibase migrated is adopted (migrations.adopt) or fails with the command
        // that adopts it, as a single database is; the other tenants go on.
        List<ToolHistory> histories = ToolHistorySettings.inTenantSchemas(environment);
        SourceTool adopt = properties.getAdopt();
        return new MigrationsFleetInitializer(
                migrationsFleet,
                MigrationsInitializer.startOptions(properties),
                state,
                tenants.isFailFast(),
                tenant -> AdoptionAtStart.run(tenant, adopt, histories));
    }

    @Bean
    @ConditionalOnProperty("migrations.tenants.refresh-interval")
    MigrationsFleetRefresher migrationsFleetRefresher(
            Fleet migrationsFleet,
            MigrationsProperties properties,
            MigrationsTenantsProperties tenants,
            MigrationsFleetState state) {
        return new MigrationsFleetRefresher(
                migrationsFleet,
                properties.getTarget(),
                state,
                Objects.requireNonNull(tenants.getRefreshInterval(), "migrations.tenants.refresh-interval"));
    }

    /** The state, and a log line every ten seconds so a long start-up shows where it is. */
    private static FleetListener withProgressLog(MigrationsFleetState state) {
        long[] lastLog = {System.nanoTime()};
        return (outcome, progress) -> {
            state.tenantFinished(outcome, progress);
            long now = System.nanoTime();
            if (now - lastLog[0] >= Duration.ofSeconds(10).toNanos() && progress.remaining() > 0) {
                lastLog[0] = now;
                LOG.info(
                        "Tenants of {}: {} of {} done, {} failed, {}/s, about {} s left",
                        state.name(),
                        progress.done(),
                        progress.total(),
                        progress.failed(),
                        String.format(java.util.Locale.ROOT, "%.1f", progress.rate()),
                        progress.eta().toSeconds());
            }
        };
    }

    /**
     * Whether tenants are on: a list or a query (in any form the binder accepts: comma-separated,
     * indexed, a YAML list), or a {@link TenantSource} bean of the application's.
     */
    static boolean tenantsOn(Environment environment, @Nullable ConfigurableListableBeanFactory beanFactory) {
        return MigrationsTenantsProperties.bind(environment).isConfigured()
                || (beanFactory != null && beanFactory.getBeanNamesForType(TenantSource.class, true, false).length > 0);
    }

    /** Whether the tenants take the scripts of {@code migrations.locations} (see {@link #tenantsOn}). */
    static boolean tenantsTakeTheScripts(
            Environment environment, @Nullable ConfigurableListableBeanFactory beanFactory) {
        return tenantsOn(environment, beanFactory)
                && MigrationsTenantsProperties.bind(environment).getLocations().isEmpty();
    }

    /** Tenants are on (see {@link #tenantsOn}); after the application's own bean definitions are read. */
    static final class TenantsConfigured extends SpringBootCondition implements ConfigurationCondition {
        @Override
        public ConfigurationPhase getConfigurationPhase() {
            return ConfigurationPhase.REGISTER_BEAN;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return tenantsOn(context.getEnvironment(), context.getBeanFactory())
                    ? ConditionOutcome.match("migrations.tenants.list or .query is set, or a TenantSource bean exists")
                    : ConditionOutcome.noMatch(
                            "neither migrations.tenants.list nor .query is set, and there is no TenantSource bean");
        }
    }
}
