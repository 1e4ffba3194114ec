/**
 * Finding and parsing revision scripts: {@link dev.migrations.script.ScriptLoader} lists the
 * {@code .sql} files of each location, {@link dev.migrations.script.ScriptParser} reads one
 * file's header and sections, and {@link dev.migrations.script.StatementSplitter} cuts a section
 * into statements the way PostgreSQL's lexer (and {@code psql}) would.
 */
package dev.migrations.script;
