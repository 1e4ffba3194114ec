/**
 * Running a plan: the steps an upgrade, downgrade or stamp takes, the version-table bookkeeping
 * Alembic does for each, and the one loop that sends them to a sink (a database or a SQL script).
 */
package dev.migrations.internal.runtime;
