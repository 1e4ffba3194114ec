package dev.migrations.boot.actuate;

import dev.migrations.Migrations;
import dev.migrations.boot.MigrationsAutoConfiguration;
import dev.migrations.boot.MigrationsFleetState;
import dev.migrations.boot.MigrationsProperties;
import dev.migrations.boot.MigrationsTenantsAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The {@code migrations} Actuator endpoint, when Actuator is on the classpath and the endpoint is
 * available ({@code management.endpoints.web.exposure.include=migrations}).
 */
@AutoConfiguration(after = {MigrationsAutoConfiguration.class, MigrationsTenantsAutoConfiguration.class})
@ConditionalOnClass({Migrations.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public final class MigrationsEndpointAutoConfiguration {

    @Bean
    @Conditional(EnginesOrTenants.class)
    @ConditionalOnMissingBean
    MigrationsEndpoint migrationsEndpoint(ApplicationContext context, ObjectProvider<MigrationsProperties> properties) {
        MigrationsProperties settings = properties.getIfAvailable();
        return new MigrationsEndpoint(context, settings == null ? "head" : settings.getTarget());
    }

    /** An engine, or tenants (which, taking the scripts, leave no top-level engine). */
    static final class EnginesOrTenants extends AnyNestedCondition {
        EnginesOrTenants() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnBean(Migrations.class)
        static final class Engines {}

        @ConditionalOnBean(MigrationsFleetState.class)
        static final class Tenants {}
    }
}
