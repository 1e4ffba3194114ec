/**
 * Not API: the engine's internals, free to change in any release; use {@link dev.migrations.Migrations}
 * and {@code dev.migrations.spi}.
 *
 * <p>Finding and parsing revision scripts: {@link dev.migrations.internal.script.ScriptLoader} lists the
 * {@code .sql} files of each location, {@link dev.migrations.internal.script.ScriptParser} reads one
 * file's header and sections, and {@link dev.migrations.internal.script.StatementSplitter} cuts a section
 * into statements the way PostgreSQL's lexer (and {@code psql}) would.
 */
package dev.migrations.internal.script;
