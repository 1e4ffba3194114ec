/**
 * What user code implements, annotates or receives: {@link dev.migrations.spi.JavaMigration}, its
 * header annotation {@link dev.migrations.spi.Migration}, the {@link dev.migrations.spi.MigrationContext}
 * a migration runs with and its portable DDL, {@link dev.migrations.spi.Operations}; {@link
 * dev.migrations.spi.ModelSource} and {@link dev.migrations.spi.ModelSourceProvider} for autogenerate's
 * wanted schema; and the schema model records in {@code dev.migrations.spi.model}. Depends only on
 * the API and the JDK, so user code sees no engine internals.
 */
@NullMarked
package dev.migrations.spi;

import org.jspecify.annotations.NullMarked;
