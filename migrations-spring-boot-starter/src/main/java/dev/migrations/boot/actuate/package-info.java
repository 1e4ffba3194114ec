/**
 * Actuator support: the {@code migrations} endpoint, the {@code migrations} health contributor and
 * the Micrometer meters, each auto-configured only when the application has what it needs.
 */
package dev.migrations.boot.actuate;
