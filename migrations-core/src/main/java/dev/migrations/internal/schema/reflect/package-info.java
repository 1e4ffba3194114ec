/**
 * Not API: the engine's internals, free to change in any release; use {@link dev.migrations.Migrations}
 * and {@code dev.migrations.spi}.
 *
 * <p>Schema reflection: reads a schema's tables, columns, constraints, indexes, enum types, sequences
 * and views from the database catalogs into the {@link dev.migrations.spi.model} records, with one
 * query per kind of object for the whole schema.
 */
package dev.migrations.internal.schema.reflect;
