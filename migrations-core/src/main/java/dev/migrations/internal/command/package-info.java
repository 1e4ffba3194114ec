/**
 * Not API: the engine's internals, free to change in any release; use {@link dev.migrations.Migrations}
 * and {@code dev.migrations.spi}.
 *
 * <p>The facade's command classes: {@link dev.migrations.Migrations} hands each verb to one of them,
 * and they return the API's records and throw its exceptions.
 */
package dev.migrations.internal.command;
