/**
 * The schema diff: one comparer per kind of object turns two {@link dev.migrations.schema.model.SchemaModel}s
 * into {@link dev.migrations.schema.diff.Change} records, ordered so dependencies hold, each able to
 * {@code reverse()}, rendered through {@link dev.migrations.schema.ops.Operations}.
 */
package dev.migrations.schema.diff;
