/**
 * The migrations engine's public API: the facade {@link dev.migrations.Migrations}, its
 * configuration, requests and results, the lint's options and findings, the exceptions it throws
 * and the {@link dev.migrations.MigrationListener}. What user code implements or receives is in
 * {@code dev.migrations.spi}; everything else is in {@code dev.migrations.internal} packages, which
 * are not API. Null is never a value here unless a type says {@code @Nullable}.
 */
@NullMarked
package dev.migrations;

import org.jspecify.annotations.NullMarked;
