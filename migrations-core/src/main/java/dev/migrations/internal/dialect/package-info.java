/** What differs per database: SQL strings for the version table, identifier quoting, transactional DDL. */
package dev.migrations.internal.dialect;
