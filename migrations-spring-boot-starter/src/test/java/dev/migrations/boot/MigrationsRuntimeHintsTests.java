package dev.migrations.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.boot.it.javamig.RenameSprocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.javapoet.ClassName;

/** The hints a native image needs: the scripts and the Java migrations the settings name. */
class MigrationsRuntimeHintsTests {

    @Test
    void theDefaultLocationAndTheStartersResourcesAreAlwaysIncluded() {
        RuntimeHints hints = new RuntimeHints();
        new MigrationsRuntimeHints().registerHints(hints, getClass().getClassLoader());

        assertThat(RuntimeHintsPredicates.resource().forResource("db/migrations/1975ea83b712_create_orders.sql"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("dev/migrations/boot/preinitialize-classes.txt"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("db/other/x.sql"))
                .rejects(hints);
    }

    @Test
    void theConfiguredLocationsAndJavaMigrationsAreRegisteredAtBuildTime() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "test",
                        Map.of(
                                "migrations.locations", "classpath:db/orders/,filesystem:/srv/db",
                                "migrations.java-packages", RenameSprocket.class.getPackageName(),
                                "migrations.tenants.list", "acme",
                                "migrations.tenants.locations", "classpath:/db/tenants",
                                "migrations.datasources.auditDataSource.locations", "classpath:db/audit")));
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerSingleton("environment", environment);

        BeanFactoryInitializationAotContribution contribution =
                new MigrationsAotProcessor().processAheadOfTime(beanFactory);
        assertThat(contribution).isNotNull();
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get("dev.migrations.boot", "Hints")), new InMemoryGeneratedFiles());
        contribution.applyTo(generation, null);
        RuntimeHints hints = generation.getRuntimeHints();

        for (String script : new String[] {"db/orders/a_x.sql", "db/tenants/b_y.sql", "db/audit/c_z.sql"}) {
            assertThat(RuntimeHintsPredicates.resource().forResource(script))
                    .as(script)
                    .accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.reflection()
                        .onType(RenameSprocket.class)
                        .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.resource()
                        .forResource(RenameSprocket.class.getName().replace('.', '/') + ".class"))
                .accepts(hints);
    }
}
