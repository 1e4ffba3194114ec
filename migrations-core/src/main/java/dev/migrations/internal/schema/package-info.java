/** The schema model: reflection from the database, model sources, diff and autogenerate. */
package dev.migrations.internal.schema;
