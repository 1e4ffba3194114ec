package dev.migrations.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Marks the {@link javax.sql.DataSource} the starter migrates when the application has several,
 * as {@code @FlywayDataSource} does for Flyway. Without it the starter migrates the unique (or
 * {@code @Primary}) DataSource, or the one {@code migrations.url} names.
 *
 * <pre>{@code
 * @Bean
 * @MigrationsDataSource
 * DataSource ordersDataSource() { ... }
 * }</pre>
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface MigrationsDataSource {}
