/**
 * The revision graph: a pure DAG of revisions with Alembic's semantics for heads, bases, branch
 * labels, dependencies, target resolution and traversal order. Knows nothing of files or SQL.
 */
package dev.migrations.internal.graph;
