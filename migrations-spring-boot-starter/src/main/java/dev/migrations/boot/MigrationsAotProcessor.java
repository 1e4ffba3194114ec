package dev.migrations.boot;

import dev.migrations.spi.Migration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * At build time ({@code spring-boot:process-aot}), registers what the configured engines read at run
 * time: the revision scripts of every {@code classpath:} location ({@code migrations.locations}, the
 * tenants' and each {@code migrations.datasources} entry's), and the {@code @Migration} classes of the
 * Java migration packages, which the engine finds as class files and makes by their no-argument
 * constructor. Settings given only at run time cannot be seen here: give them at build time too.
 */
class MigrationsAotProcessor implements BeanFactoryInitializationAotProcessor {
    private static final String CLASSPATH = "classpath:";

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBean("environment")) {
            return null;
        }
        Environment environment = beanFactory.getBean("environment", Environment.class);
        Set<String> locations = new LinkedHashSet<>();
        Set<String> packages = new LinkedHashSet<>();
        MigrationsProperties top = Binder.get(environment)
                .bind("migrations", MigrationsProperties.class)
                .orElseGet(MigrationsProperties::new);
        locations.addAll(top.getLocations());
        packages.addAll(top.getJavaPackages());
        locations.addAll(MigrationsTenantsProperties.bind(environment).getLocations());
        for (MigrationsProperties entry :
                MigrationsDataSources.of(environment).settings().values()) {
            locations.addAll(entry.getLocations());
            packages.addAll(entry.getJavaPackages());
        }
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        return (generationContext, code) ->
                register(generationContext.getRuntimeHints(), locations, packages, classLoader);
    }

    static void register(
            RuntimeHints hints, Set<String> locations, Set<String> packages, @Nullable ClassLoader classLoader) {
        for (String location : locations) {
            if (location.startsWith(CLASSPATH)) {
                String dir = trimSlashes(location.substring(CLASSPATH.length()));
                hints.resources().registerPattern(dir.isEmpty() ? "*.sql" : dir + "/**");
            }
        }
        for (String pkg : packages) {
            String dir = pkg.replace('.', '/');
            // The engine lists the package's class files to find its migrations, and reads them for checksums.
            hints.resources().registerPattern(dir + "/**/*.class");
            for (String type : migrationClasses(pkg, classLoader)) {
                hints.reflection().registerType(TypeReference.of(type), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
            }
        }
    }

    private static List<String> migrationClasses(String pkg, @Nullable ClassLoader classLoader) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Migration.class));
        if (classLoader != null) {
            scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
        }
        return scanner.findCandidateComponents(pkg).stream()
                .map(BeanDefinition::getBeanClassName)
                .filter(Objects::nonNull)
                .sorted()
                .toList();
    }

    private static String trimSlashes(String path) {
        String result = path;
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
