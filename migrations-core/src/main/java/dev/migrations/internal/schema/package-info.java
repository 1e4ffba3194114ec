/**
 * Not API: the engine's internals, free to change in any release; use {@link dev.migrations.Migrations}
 * and {@code dev.migrations.spi}.
 *
 * <p>Autogenerate over the {@link dev.migrations.spi.model} records: the schema-file model source,
 * the scratch schema a model is loaded into, expression normalising, and {@link
 * dev.migrations.internal.schema.DialectOperations}, the engine's {@link dev.migrations.spi.Operations}.
 */
package dev.migrations.internal.schema;
