/**
 * Not API: the engine's internals, free to change in any release; use {@link dev.migrations.Migrations}
 * and {@code dev.migrations.spi}.
 *
 * <p>Offline mode: the same step loop as an online run, writing an SQL script instead of executing it.
 */
package dev.migrations.internal.offline;
