package dev.migrations.boot;

import dev.migrations.Migrations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;

/**
 * Registers an engine ({@code <name>Migrations}) and an initializer ({@code <name>MigrationsInitializer})
 * for each DataSource bean that {@code migrations.datasources.<name>.*} names. The initializers are
 * {@link MigrationsInitializer}s, so everything that orders the top-level one orders them too: data
 * access waits for each, and they stay eager under lazy initialization. Each engine has its own
 * {@link MigrationsRunState} named after its DataSource, which is how the endpoint, the health
 * contributor and the meters find it.
 *
 * <p>The entries are checked here, while bean definitions are read, so a name that matches no
 * DataSource bean or a bad value stops the start before any database is touched.
 */
final class MigrationsDataSourcesRegistrar implements ImportBeanDefinitionRegistrar {
    private final Environment environment;
    private final ConfigurableListableBeanFactory beanFactory;
    private final ClassLoader classLoader;

    MigrationsDataSourcesRegistrar(Environment environment, BeanFactory beanFactory, ResourceLoader resourceLoader) {
        this.environment = environment;
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
        this.classLoader = Objects.requireNonNull(resourceLoader.getClassLoader(), "classLoader");
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        MigrationsDataSources entries = MigrationsDataSources.of(environment);
        if (entries.settings().isEmpty() && entries.problems().isEmpty()) {
            return;
        }
        List<String> dataSources = dataSourceBeans(beanFactory);
        List<String> problems = new ArrayList<>();
        entries.settings().keySet().forEach(key -> {
            if (MigrationsDataSources.dataSourceBean(key, dataSources) == null) {
                problems.add(MigrationsDataSources.PREFIX + "." + key + ": no DataSource bean is named " + key
                        + "; the DataSource beans are "
                        + (dataSources.isEmpty() ? "none" : String.join(", ", dataSources)));
            }
        });
        problems.addAll(entries.problems());
        MigrationsPropertiesCheck.refuseUnlessEmpty(problems);
        entries.settings()
                .forEach((key, settings) -> register(
                        registry,
                        Objects.requireNonNull(MigrationsDataSources.dataSourceBean(key, dataSources)),
                        settings));
    }

    private void register(BeanDefinitionRegistry registry, String dataSource, MigrationsProperties settings) {
        String engine = dataSource + "Migrations";
        RootBeanDefinition engineDefinition =
                new RootBeanDefinition(Migrations.class, () -> engine(dataSource, settings));
        engineDefinition.setDependsOn(dataSource);
        registry.registerBeanDefinition(engine, engineDefinition);
        RootBeanDefinition initializer = new RootBeanDefinition(
                MigrationsInitializer.class,
                () -> new MigrationsInitializer(
                        beanFactory.getBean(engine, Migrations.class),
                        settings,
                        beanFactory.getBeanProvider(MigrationsStrategy.class).getIfAvailable()));
        initializer.setDependsOn(engine);
        registry.registerBeanDefinition(engine + "Initializer", initializer);
    }

    private Migrations engine(String dataSource, MigrationsProperties settings) {
        DataSource migrated = MigrationsAutoConfiguration.MigrationsConfiguration.migrationDataSource(
                settings, null, beanFactory.getBean(dataSource, DataSource.class));
        return settings.configure(classLoader)
                .dataSource(migrated)
                .listener(new MigrationsRunState(dataSource, settings.getTarget()))
                .load();
    }

    private static List<String> dataSourceBeans(ConfigurableListableBeanFactory beanFactory) {
        return List.of(beanFactory.getBeanNamesForType(DataSource.class, true, false));
    }

    /**
     * Whether the top-level engine is wanted beside the declared ones: not when {@code
     * migrations.datasources} names the DataSource it would migrate (that entry configures it, once),
     * nor when it would have none to migrate (several DataSources, none {@code @MigrationsDataSource}
     * or primary, and no {@code migrations.url}) while the entries name the ones to migrate.
     */
    static final class TopLevelEngineCondition extends SpringBootCondition implements ConfigurationCondition {

        /** After the application's own bean definitions are read: its DataSources are among them. */
        @Override
        public ConfigurationPhase getConfigurationPhase() {
            return ConfigurationPhase.REGISTER_BEAN;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            ConditionMessage.Builder message = ConditionMessage.forCondition("top-level migrations engine");
            if (MigrationsTenantsAutoConfiguration.tenantsTakeTheScripts(
                    context.getEnvironment(), context.getBeanFactory())) {
                return ConditionOutcome.noMatch(message.because("migrations.tenants.* is set without"
                        + " migrations.tenants.locations: the scripts of migrations.locations go to the tenants"));
            }
            Map<String, MigrationsProperties> entries =
                    MigrationsDataSources.of(context.getEnvironment()).settings();
            ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
            if (entries.isEmpty() || beanFactory == null) {
                return ConditionOutcome.match(message.because(MigrationsDataSources.PREFIX + " is not set"));
            }
            List<String> dataSources = dataSourceBeans(beanFactory);
            String own = topLevelDataSource(beanFactory, dataSources);
            if (own == null) {
                return context.getEnvironment().containsProperty("migrations.url")
                        ? ConditionOutcome.match(message.because("migrations.url is set"))
                        : ConditionOutcome.noMatch(message.because("no DataSource is @MigrationsDataSource or"
                                + " primary, and " + MigrationsDataSources.PREFIX + " names the ones to migrate"));
            }
            for (String key : entries.keySet()) {
                if (own.equals(MigrationsDataSources.dataSourceBean(key, dataSources))) {
                    return ConditionOutcome.noMatch(
                            message.because(MigrationsDataSources.PREFIX + "." + key + " configures " + own));
                }
            }
            return ConditionOutcome.match(message.because(own + " is not named in " + MigrationsDataSources.PREFIX));
        }

        /**
         * The bean name of the DataSource the top-level engine migrates, from the bean definitions: the
         * {@code @MigrationsDataSource} one, else the only one, else the primary one; null when none is.
         */
        private static @Nullable String topLevelDataSource(
                ConfigurableListableBeanFactory beanFactory, List<String> dataSources) {
            List<String> qualified = dataSources.stream()
                    .filter(name -> isMigrationsDataSource(beanFactory, name))
                    .toList();
            if (qualified.size() == 1) {
                return qualified.get(0);
            }
            if (dataSources.size() == 1) {
                return dataSources.get(0);
            }
            List<String> primary = dataSources.stream()
                    .filter(name -> beanFactory.containsBeanDefinition(name)
                            && beanFactory.getBeanDefinition(name).isPrimary())
                    .toList();
            return primary.size() == 1 ? primary.get(0) : null;
        }

        private static boolean isMigrationsDataSource(ConfigurableListableBeanFactory beanFactory, String name) {
            if (!beanFactory.containsBeanDefinition(name)) {
                return false;
            }
            String qualifier = MigrationsDataSource.class.getName();
            BeanDefinition definition = beanFactory.getBeanDefinition(name);
            if (definition instanceof AnnotatedBeanDefinition annotated) {
                MethodMetadata method = annotated.getFactoryMethodMetadata();
                if (method != null
                        ? method.isAnnotated(qualifier)
                        : annotated.getMetadata().isAnnotated(qualifier)) {
                    return true;
                }
            }
            return definition instanceof AbstractBeanDefinition bean && bean.hasQualifier(qualifier);
        }
    }
}
