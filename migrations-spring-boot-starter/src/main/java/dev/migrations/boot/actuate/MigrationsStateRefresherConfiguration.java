package dev.migrations.boot.actuate;

import dev.migrations.Migrations;
import dev.migrations.boot.MigrationsProperties;
import dev.migrations.boot.MigrationsStateRefresher;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The background refresher behind the health contributor and the meters, imported by both (once):
 * applications without either never read the state in the background.
 */
@Configuration(proxyBeanMethods = false)
class MigrationsStateRefresherConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MigrationsStateRefresher migrationsStateRefresher(
            ObjectProvider<Migrations> engines, ObjectProvider<MigrationsProperties> properties) {
        MigrationsProperties settings = properties.getIfAvailable();
        Duration interval = settings == null
                ? new MigrationsProperties().getMetrics().getRefreshInterval()
                : settings.getMetrics().getRefreshInterval();
        return new MigrationsStateRefresher(() -> engines.orderedStream().toList(), interval);
    }
}
