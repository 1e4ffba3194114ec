package dev.migrations.boot;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Registers every {@link MigrationsInitializer} and {@link MigrationsFleetInitializer} bean as a database initializer (through {@code
 * META-INF/spring.factories}), so that Spring Boot makes the beans that use the database for data
 * (JdbcTemplate, JdbcClient, JPA, jOOQ, {@code @DependsOnDatabaseInitialization}) depend on it. Its
 * order (0) puts migrations before {@code spring.sql.init} scripts, which may fill migrated tables.
 */
class MigrationsDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(MigrationsInitializer.class, MigrationsFleetInitializer.class);
    }
}
