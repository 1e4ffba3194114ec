package dev.migrations.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link MigrationTest} class that checks, right after a revision was upgraded,
 * that the data its {@link SeedBefore} methods inserted survived. The method takes a {@link
 * java.sql.Connection} and fails with an assertion (any exception fails the check).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface VerifyAfter {
    /** The revision (id or unambiguous prefix) the data must have survived. */
    String value();
}
