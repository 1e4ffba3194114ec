package dev.migrations.boot.it.fleet;

import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Two DataSources, neither primary: {@code ordersDataSource} at {@code fleet.orders-url} and {@code
 * auditDataSource} at {@code fleet.audit-url}, both as {@code fleet.user} (and {@code fleet.password}).
 */
@Configuration(proxyBeanMethods = false)
public class FleetDataSources {

    @Bean
    DataSource ordersDataSource(Environment environment) {
        return dataSource(environment, "fleet.orders-url");
    }

    @Bean
    DataSource auditDataSource(Environment environment) {
        return dataSource(environment, "fleet.audit-url");
    }

    /** A DataSource at the URL the property names. */
    public static DataSource dataSource(Environment environment, String urlProperty) {
        return DataSourceBuilder.create()
                .url(environment.getRequiredProperty(urlProperty))
                .username(environment.getRequiredProperty("fleet.user"))
                .password(environment.getProperty("fleet.password"))
                .build();
    }
}
