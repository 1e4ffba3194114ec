/**
 * Not API: the engine's internals, free to change in any release; use {@link dev.migrations.Migrations}
 * and {@code dev.migrations.spi}.
 *
 * <p>The revision graph: a pure DAG of revisions with Alembic's semantics for heads, bases, branch
 * labels, dependencies, target resolution and traversal order. Knows nothing of files or SQL.
 */
package dev.migrations.internal.graph;
