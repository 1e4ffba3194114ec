/**
 * Adoption from Flyway and Liquibase: reading their projects and history tables, computing their
 * checksums exactly as they do, and writing the imported revision scripts. No Flyway or Liquibase
 * class is used: the engine must not depend on either at run time.
 */
@NullMarked
package dev.migrations.internal.adopt;

import org.jspecify.annotations.NullMarked;
