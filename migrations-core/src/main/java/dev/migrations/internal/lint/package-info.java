/**
 * Not API: the engine's internals, free to change in any release; use {@link dev.migrations.Migrations}
 * and {@code dev.migrations.spi}.
 *
 * <p>The lint: finds statements in revision scripts that are dangerous on a PostgreSQL table that
 * holds data and serves traffic (long locks, table rewrites, data loss, downgrades that do not
 * undo the upgrade). Statements are parsed with JSqlParser's PostgreSQL dialect and, where it
 * does not know a statement, read from PostgreSQL-lexed tokens. Entry point: {@code
 * Migrations.lint(...)}; results are {@link dev.migrations.LintReport} and {@link
 * dev.migrations.Finding} records.
 */
package dev.migrations.internal.lint;
