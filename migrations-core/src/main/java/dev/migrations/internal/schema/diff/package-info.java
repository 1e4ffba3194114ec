/**
 * Not API: the engine's internals, free to change in any release; use {@link dev.migrations.Migrations}
 * and {@code dev.migrations.spi}.
 *
 * <p>The schema diff: one comparer per kind of object turns two {@link dev.migrations.spi.model.SchemaModel}s
 * into {@link dev.migrations.internal.schema.diff.Change} records, ordered so dependencies hold, each able to
 * {@code reverse()}, rendered through {@link dev.migrations.spi.Operations}.
 */
package dev.migrations.internal.schema.diff;
