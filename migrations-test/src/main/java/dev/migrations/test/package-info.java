/**
 * The migration test kit: a JUnit 5 extension that checks a project's revisions against a real
 * PostgreSQL database. Annotate a test class with {@link dev.migrations.test.MigrationTest} and let it
 * implement {@link dev.migrations.test.MigrationSuite}.
 */
package dev.migrations.test;
