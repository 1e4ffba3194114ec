/**
 * Portable schema operations: {@link dev.migrations.schema.ops.Operations} turns model records into the
 * DDL statements of a dialect. Java migrations use it directly; autogenerate renders its diff through it.
 */
package dev.migrations.schema.ops;
