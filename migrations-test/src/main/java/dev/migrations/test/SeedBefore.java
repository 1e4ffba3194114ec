package dev.migrations.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link MigrationTest} class that inserts data just before a revision is
 * upgraded; its {@link VerifyAfter} methods then check that the data survived. The method takes a
 * {@link java.sql.Connection} (in auto-commit mode) to the database at the revision's parents.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SeedBefore {
    /** The revision (id or unambiguous prefix) the data must survive. */
    String value();
}
