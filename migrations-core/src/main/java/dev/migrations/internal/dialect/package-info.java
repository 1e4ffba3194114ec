/**
 * Not API: the engine's internals, free to change in any release; use {@link dev.migrations.Migrations}
 * and {@code dev.migrations.spi}.
 *
 * <p>What differs per database: SQL strings for the version table, identifier quoting, transactional DDL.
 */
package dev.migrations.internal.dialect;
