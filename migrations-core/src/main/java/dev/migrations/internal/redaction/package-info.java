/**
 * Not API: the engine's internals, free to change in any release.
 *
 * <p>Removes passwords from JDBC URLs and driver messages before they reach a message or a
 * log. A leaf: it depends on nothing else in the engine, so the API's URL-made data source can use it
 * without a package cycle.
 */
package dev.migrations.internal.redaction;
