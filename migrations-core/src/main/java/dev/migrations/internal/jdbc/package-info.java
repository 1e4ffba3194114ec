/** Not API: small JDBC building blocks shared by the engine's modules. */
package dev.migrations.internal.jdbc;
