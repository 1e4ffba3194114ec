/**
 * Fleets: one set of revision scripts applied to many tenants (a schema or a database each), with a
 * concurrency limit, a lock per tenant, failure isolation, resume and shards. {@link
 * dev.migrations.fleet.Fleet} runs the engine's verbs over the tenants a {@link
 * dev.migrations.fleet.TenantSource} names, laid out as a {@link dev.migrations.fleet.TenantLayout}
 * says, and sums up in a {@link dev.migrations.fleet.FleetResult}.
 */
@NullMarked
package dev.migrations.fleet;

import org.jspecify.annotations.NullMarked;
