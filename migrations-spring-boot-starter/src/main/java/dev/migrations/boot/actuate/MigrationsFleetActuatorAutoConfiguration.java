package dev.migrations.boot.actuate;

import dev.migrations.boot.MigrationsFleetState;
import dev.migrations.boot.MigrationsProperties;
import dev.migrations.boot.MigrationsTenantsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tenants' health contributor ({@code migrationsTenants}) and meters, when tenants are configured
 * ({@code migrations.tenants.*}).
 */
@AutoConfiguration(after = MigrationsTenantsAutoConfiguration.class)
@ConditionalOnBean(MigrationsFleetState.class)
public final class MigrationsFleetActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
    @ConditionalOnEnabledHealthIndicator("migrations")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "migrationsTenantsHealthContributor")
        HealthContributor migrationsTenantsHealthContributor(
                ObjectProvider<MigrationsFleetState> fleets, ObjectProvider<MigrationsProperties> properties) {
            MigrationsProperties settings = properties.getIfAvailable();
            String code = settings == null ? "DOWN" : settings.getHealth().getDownStatus();
            Status down = new Status(code.toUpperCase(Locale.ROOT));
            Map<String, HealthContributor> indicators = new LinkedHashMap<>();
            fleets.orderedStream()
                    .forEach(fleet ->
                            indicators.putIfAbsent(fleet.name(), new MigrationsFleetHealthIndicator(fleet, down)));
            return indicators.size() == 1
                    ? indicators.values().iterator().next()
                    : CompositeHealthContributor.fromMap(indicators);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        MigrationsFleetMetrics migrationsFleetMetrics(ObjectProvider<MigrationsFleetState> fleets) {
            return new MigrationsFleetMetrics(fleets.orderedStream().toList());
        }
    }
}
