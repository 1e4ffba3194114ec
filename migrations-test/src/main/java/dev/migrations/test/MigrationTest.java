package dev.migrations.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Checks a project's revisions against a real PostgreSQL database: a single head, upgrade from base
 * to head, every downgrade restoring the schema before its revision, the model matching the
 * migrations, and data seeded before a revision surviving it.
 *
 * <pre>{@code
 * @MigrationTest(locations = "classpath:db/migrations")
 * class MigrationsIT implements MigrationSuite {
 *     @SeedBefore("3c9e1f2a7b40")
 *     void orders(Connection connection) throws SQLException { ... }
 * }
 * }</pre>
 *
 * <p>The server comes from {@link #url()}, else the system property {@code migrations.test.jdbc-url},
 * else the environment variable {@code MIGRATIONS_TEST_JDBC_URL}, else {@code localhost:5432} (user
 * {@code postgres}), else a Testcontainers PostgreSQL container when Docker is available, else an
 * embedded PostgreSQL (started once per JVM; {@code -Dmigrations.test.server=embedded} chooses it
 * directly). Every check
 * runs in its own database, created with a random name on that server and dropped afterwards.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MigrationsExtension.class)
public @interface MigrationTest {
    /** Where the revision scripts live ({@code classpath:} or {@code filesystem:} prefixed). */
    String[] locations() default {"classpath:db/migrations"};

    /**
     * A JDBC URL of the PostgreSQL server to test on (any database on it; the kit creates its own).
     * Empty: the system property, environment variable, localhost, Testcontainers or an embedded
     * PostgreSQL, in that order.
     */
    String url() default "";

    /** The user for {@link #url()}; needs the {@code CREATEDB} privilege. Empty: see {@link #url()}. */
    String user() default "";

    /** The password for {@link #user()}. Empty: the system property or environment variable, if any. */
    String password() default "";

    /** The version table, as the application configures it. */
    String versionTable() default "alembic_version";

    /**
     * The model the migrations must produce, as {@code check --model} takes it (e.g. {@code
     * filesystem:db/schema.sql}); empty skips that check.
     */
    String model() default "";

    /** Revisions (ids or unambiguous prefixes) that deliberately cannot be downgraded. */
    String[] irreversible() default {};
}
