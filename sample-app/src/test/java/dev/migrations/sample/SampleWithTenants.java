package dev.migrations.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sample with its {@code tenants} profile on its own embedded H2 database, on a random port.
 * The classes that use it share one application context (Spring's test context cache keys on
 * exactly these settings), so the fleet migrates once for all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("tenants")
@Import(TenantTablesAtStartup.class)
@interface SampleWithTenants {}
