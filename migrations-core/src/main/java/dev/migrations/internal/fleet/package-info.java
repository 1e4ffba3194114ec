/**
 * Not API: how {@link dev.migrations.fleet.Fleet} runs its verbs: the worker pool with its progress
 * and failure policy, and the connections that put a tenant's schema first.
 */
package dev.migrations.internal.fleet;
