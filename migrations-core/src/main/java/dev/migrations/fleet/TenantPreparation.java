package dev.migrations.fleet;

import dev.migrations.Migrations;

/**
 * What a fleet start does to each tenant's engine before starting it, such as adopting a tenant that
 * Flyway or Liquibase migrated. It runs in the tenant's turn, under the fleet's parallelism; an exception
 * fails that tenant alone, with the exception's message as its error, and the tenant is not started.
 */
@FunctionalInterface
public interface TenantPreparation {
    /** Nothing before the start. */
    TenantPreparation NONE = tenant -> {};

    /**
     * Prepares one tenant.
     *
     * @param tenant the tenant's engine, as the start will use it
     */
    void prepare(Migrations tenant);
}
