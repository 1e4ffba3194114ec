package dev.migrations.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The header of a Java migration: the same fields as a SQL revision's header comment.
 *
 * <pre>{@code
 * @Migration(id = "3f2a9c1d0b7e", revises = "1975ea83b712", message = "Backfill email domains")
 * public class BackfillEmailDomains implements JavaMigration {
 *     public void upgrade(MigrationContext ctx) {
 *         ctx.execute("UPDATE users SET domain = split_part(email, '@', 2)");
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Migration {
    /** {@code Revision ID}: letters, digits and {@code _}, at most 32 characters. */
    String id();

    /** {@code Revises}: the parent revisions; empty for a base, several for a merge point. */
    String[] revises() default {};

    /** The one-line message (the first header line of a SQL revision). */
    String message() default "";

    /** {@code Branch Labels}. */
    String[] branchLabels() default {};

    /** {@code Depends On}: revisions or branch labels that must be applied first. */
    String[] dependsOn() default {};

    /**
     * {@code Transactional}: whether the migration and its version-table update run in one
     * transaction (default). {@code false} runs it with auto-commit, e.g. for {@code CREATE INDEX
     * CONCURRENTLY}; a failure then leaves its earlier statements applied.
     */
    boolean transactional() default true;

    /** {@code Create Date} as text, for {@code show}; optional. */
    String createDate() default "";
}
