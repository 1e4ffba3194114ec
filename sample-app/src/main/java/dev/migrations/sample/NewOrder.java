package dev.migrations.sample;

/**
 * The body of {@code POST /orders}.
 *
 * @param customer who orders
 * @param totalCents the total, in cents
 */
public record NewOrder(String customer, long totalCents) {}
