/**
 * Not API: the engine's internals, free to change in any release; use {@link dev.migrations.Migrations}
 * and {@code dev.migrations.spi}.
 *
 * <p>Running a plan: the steps an upgrade, downgrade or stamp takes, the version-table bookkeeping
 * Alembic does for each, and the one loop that sends them to a sink (a database or a SQL script).
 */
package dev.migrations.internal.runtime;
