package dev.migrations.boot;

import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import dev.migrations.ScriptCatalog;
import dev.migrations.spi.JavaMigration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Auto-configuration of the migrations engine: an engine over the application's DataSource (or
 * {@code migrations.url}) and an initializer that brings the database to {@code migrations.target}
 * while the context refreshes, before the web server binds its port and before {@code @Scheduled}
 * tasks run. Beans that use the database for data wait for it (see {@link
 * MigrationsDatabaseInitializerDetector}). Each DataSource named under {@code migrations.datasources}
 * gets an engine and an initializer of its own (see {@link MigrationsDataSourcesRegistrar}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Migrations.class)
@Conditional(MigrationsAutoConfiguration.MigrationsDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "migrations.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MigrationsProperties.class)
// The registrar runs after the nested configuration's conditions: its engines do not make the
// top-level one step aside as an application's own engine does.
@Import({DatabaseInitializationDependencyConfigurer.class, MigrationsDataSourcesRegistrar.class})
@ImportRuntimeHints(MigrationsRuntimeHints.class)
public final class MigrationsAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationsAutoConfiguration.class);

    /** Keeps initializers eager under {@code spring.main.lazy-initialization=true}. */
    @Bean
    static LazyInitializationExcludeFilter migrationsLazyInitializationExcludeFilter() {
        return LazyInitializationExcludeFilter.forBeanTypes(MigrationsInitializer.class);
    }

    @Bean
    @ConditionalOnMissingBean
    MigrationsSchemaManagementProvider migrationsSchemaManagementProvider(ObjectProvider<Migrations> engines) {
        return new MigrationsSchemaManagementProvider(engines);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Migrations.class)
    @Conditional(MigrationsDataSourcesRegistrar.TopLevelEngineCondition.class)
    static class MigrationsConfiguration {

        /**
         * What the engine's runs did and where its database stands, for the endpoint, the health
         * contributor and the meters; keyed by the migrated DataSource's bean name.
         */
        @Bean
        MigrationsRunState migrationsRunState(
                MigrationsProperties properties,
                ConfigurableListableBeanFactory beanFactory,
                ObjectProvider<DataSource> dataSource,
                @MigrationsDataSource ObjectProvider<DataSource> migrationsDataSource) {
            return new MigrationsRunState(
                    dataSourceName(beanFactory, migrationsDataSource.getIfAvailable(), dataSource.getIfUnique()),
                    properties.getTarget());
        }

        @Bean
        Migrations migrations(
                MigrationsProperties properties,
                ResourceLoader resourceLoader,
                ObjectProvider<DataSource> dataSource,
                @MigrationsDataSource ObjectProvider<DataSource> migrationsDataSource,
                ObjectProvider<MigrationsConfigurationCustomizer> customizers,
                ObjectProvider<JavaMigration> javaMigrations,
                @Qualifier("migrationsRunState") MigrationsRunState runState,
                ObjectProvider<EarlyScriptListing> earlyListing) {
            MigrationsConfig.Builder configuration = properties
                    .configure(resourceLoader.getClassLoader())
                    .dataSource(migrationDataSource(
                            properties, migrationsDataSource.getIfAvailable(), dataSource.getIfUnique()))
                    .listener(runState)
                    // Beans, so migrations can use injected services.
                    .javaMigrations(javaMigrations.orderedStream().toList());
            customizers.orderedStream().forEach(customizer -> customizer.customize(configuration));
            return load(configuration.build(), earlyListing.getIfAvailable());
        }

        /**
         * Loads the engine with the listing the background pre-initializer made for this start when
         * it is ready and of the configured locations, else lists the scripts here.
         */
        static Migrations load(MigrationsConfig config, @Nullable EarlyScriptListing earlyListing) {
            ScriptCatalog early = earlyListing == null ? null : earlyListing.take();
            if (early != null && early.isFor(config.locations(), config.classLoader())) {
                LOG.debug("Using the listing of {} revision script(s) made in the background", early.size());
                return Migrations.load(config, early);
            }
            return Migrations.load(config);
        }

        /**
         * The bean name of the DataSource the engine migrates (see {@link #migrationDataSource}): the
         * {@code @MigrationsDataSource} bean's, else the primary DataSource's (also when {@code
         * migrations.url} or {@code migrations.user} give migrations a connection of their own to it),
         * else {@code migrations}.
         */
        static String dataSourceName(
                ConfigurableListableBeanFactory beanFactory,
                @Nullable DataSource qualified,
                @Nullable DataSource primary) {
            DataSource migrated = qualified != null ? qualified : primary;
            if (migrated == null) {
                return "migrations";
            }
            String[] names = beanFactory.getBeanNamesForType(DataSource.class, true, false);
            for (String name : names) {
                if (beanFactory.containsSingleton(name) && beanFactory.getSingleton(name) == migrated) {
                    return name;
                }
            }
            return names.length == 1 ? names[0] : "dataSource";
        }

        /**
         * The DataSource to migrate, first match wins: a {@code @MigrationsDataSource} bean; {@code
         * migrations.url}; {@code migrations.user} alone, on the primary DataSource's URL; the primary
         * DataSource. The ones made here are unpooled: each command opens its connections and closes them.
         */
        static DataSource migrationDataSource(
                MigrationsProperties properties, @Nullable DataSource qualified, @Nullable DataSource primary) {
            if (qualified != null) {
                return qualified;
            }
            String url = properties.getUrl();
            if (url != null) {
                return DataSourceBuilder.create()
                        .type(SimpleDriverDataSource.class)
                        .url(url)
                        .username(properties.getUser())
                        .password(properties.getPassword())
                        .build();
            }
            if (primary == null) {
                throw new IllegalStateException("No DataSource to migrate: the application has several and none is"
                        + " @Primary or @MigrationsDataSource; mark one, or set migrations.url");
            }
            if (properties.getUser() != null) {
                return DataSourceBuilder.derivedFrom(primary)
                        .type(SimpleDriverDataSource.class)
                        .username(properties.getUser())
                        .password(properties.getPassword())
                        .build();
            }
            return primary;
        }

        @Bean
        @ConditionalOnMissingBean
        MigrationsInitializer migrationsInitializer(
                Migrations migrations,
                MigrationsProperties properties,
                ObjectProvider<MigrationsStrategy> strategy,
                Environment environment) {
            return new MigrationsInitializer(
                    migrations, properties, strategy.getIfAvailable(), ToolHistorySettings.of(environment));
        }
    }

    /** A DataSource bean, or {@code migrations.url}. */
    static final class MigrationsDataSourceCondition extends AnyNestedCondition {

        MigrationsDataSourceCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(DataSource.class)
        static final class DataSourceBeanCondition {}

        @ConditionalOnProperty("migrations.url")
        static final class MigrationsUrlCondition {}
    }
}
