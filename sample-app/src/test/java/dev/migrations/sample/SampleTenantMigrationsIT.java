package dev.migrations.sample;

import dev.migrations.test.MigrationSuite;
import dev.migrations.test.MigrationTest;

/**
 * The tenants' revisions ({@code db/tenants}, which the {@code tenants} profile applies to every
 * tenant's schema) through the migration test kit on PostgreSQL, as {@link SampleMigrationsIT} does
 * for the shared ones: one head, upgrade from base, each downgrade restoring the schema, and the
 * schema at head matching {@code model/tenant-schema.sql}.
 */
@MigrationTest(locations = "classpath:db/tenants", model = "classpath:model/tenant-schema.sql")
class SampleTenantMigrationsIT implements MigrationSuite {}
