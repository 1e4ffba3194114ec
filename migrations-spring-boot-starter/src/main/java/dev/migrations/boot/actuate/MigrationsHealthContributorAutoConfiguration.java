package dev.migrations.boot.actuate;

import dev.migrations.Migrations;
import dev.migrations.boot.MigrationsAutoConfiguration;
import dev.migrations.boot.MigrationsProperties;
import dev.migrations.boot.MigrationsRunState;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
import org.springframework.context.annotation.Import;

/**
 * The {@code migrations} health contributor ({@code management.health.migrations.enabled}, on by
 * default): one indicator per engine, a composite keyed by DataSource bean name when there are
 * several.
 */
@AutoConfiguration(after = MigrationsAutoConfiguration.class)
@ConditionalOnClass({Migrations.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(Migrations.class)
@ConditionalOnEnabledHealthIndicator("migrations")
@Import(MigrationsStateRefresherConfiguration.class)
public final class MigrationsHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = {"migrationsHealthIndicator", "migrationsHealthContributor"})
    HealthContributor migrationsHealthContributor(
            ObjectProvider<Migrations> engines, ObjectProvider<MigrationsProperties> properties) {
        MigrationsProperties settings = properties.getIfAvailable();
        String code = settings == null ? "DOWN" : settings.getHealth().getDownStatus();
        Status down = new Status(code.toUpperCase(Locale.ROOT));
        Map<String, HealthContributor> indicators = new LinkedHashMap<>();
        engines.orderedStream()
                .map(MigrationsRunState::of)
                .filter(Objects::nonNull)
                .forEach(state -> indicators.putIfAbsent(state.name(), new MigrationsHealthIndicator(state, down)));
        if (indicators.size() == 1) {
            return indicators.values().iterator().next();
        }
        return CompositeHealthContributor.fromMap(indicators);
    }
}
