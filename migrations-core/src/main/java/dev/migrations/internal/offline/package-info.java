/** Offline mode: the same step loop as an online run, writing an SQL script instead of executing it. */
package dev.migrations.internal.offline;
