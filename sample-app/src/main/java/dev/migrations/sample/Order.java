package dev.migrations.sample;

import java.time.LocalDateTime;

/**
 * An order as stored in the {@code orders} table.
 *
 * @param id the order's id
 * @param customer who ordered
 * @param status {@code PENDING} until processed
 * @param totalCents the total, in cents
 * @param createdAt when the order was taken
 */
public record Order(long id, String customer, String status, long totalCents, LocalDateTime createdAt) {}
