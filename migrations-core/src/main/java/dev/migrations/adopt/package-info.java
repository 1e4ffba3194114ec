/**
 * Adoption: taking over a project and its databases from Flyway or Liquibase. {@link
 * dev.migrations.adopt.Adoption} imports a Flyway project or a Liquibase changelog as revision scripts,
 * then checks a database's Flyway or Liquibase history against them and stamps the version table, so
 * nothing that already ran runs again.
 */
@NullMarked
package dev.migrations.adopt;

import org.jspecify.annotations.NullMarked;
