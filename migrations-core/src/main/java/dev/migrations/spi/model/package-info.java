/**
 * The schema model: immutable records describing tables, columns, constraints, indexes, enum types,
 * sequences and views as the database itself normalises them (types as {@code format_type} prints
 * them, expressions as {@code pg_get_expr} prints them). Reflection produces it, the diff compares two
 * of them, and the portable operations render it as DDL.
 */
@NullMarked
package dev.migrations.spi.model;

import org.jspecify.annotations.NullMarked;
