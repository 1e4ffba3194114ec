/**
 * What user code implements or annotates: {@link dev.migrations.spi.JavaMigration}, its header
 * annotation {@link dev.migrations.spi.Migration} and the {@link dev.migrations.spi.MigrationContext}
 * a migration runs with. Depends on nothing else in the engine, so user code sees only these types.
 */
@NullMarked
package dev.migrations.spi;

import org.jspecify.annotations.NullMarked;
