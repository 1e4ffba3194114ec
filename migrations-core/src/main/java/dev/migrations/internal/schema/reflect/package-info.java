/**
 * Schema reflection: reads a schema's tables, columns, constraints, indexes, enum types, sequences
 * and views from the database catalogs into the {@link dev.migrations.spi.model} records, with one
 * query per kind of object for the whole schema.
 */
package dev.migrations.internal.schema.reflect;
