package dev.migrations.boot.actuate;

import dev.migrations.Migrations;
import dev.migrations.boot.MigrationsAutoConfiguration;
import dev.migrations.boot.MigrationsRunState;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Micrometer meters of the engines (see {@link MigrationsMetrics}), when Micrometer is on the
 * classpath; Spring Boot binds them to its registries.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class)
@ConditionalOnClass({Migrations.class, MeterRegistry.class})
@ConditionalOnBean(Migrations.class)
@Import(MigrationsStateRefresherConfiguration.class)
public final class MigrationsMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationsMetrics migrationsMetrics(ObjectProvider<Migrations> engines) {
        return new MigrationsMetrics(engines.orderedStream()
                .map(MigrationsRunState::of)
                .filter(Objects::nonNull)
                .toList());
    }
}
