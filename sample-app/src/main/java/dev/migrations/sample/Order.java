package dev.migrations.sample;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * An order as stored in the {@code orders} table.
 *
 * @param id the order's id
 * @param customer who ordered
 * @param status {@code PENDING} until the worker processes it, then {@code PROCESSED}
 * @param totalCents the total, in cents
 * @param createdAt when the order was taken
 * @param processedAt when the worker processed it, or null
 */
public record Order(
        long id,
        String customer,
        String status,
        long totalCents,
        LocalDateTime createdAt,
        @Nullable LocalDateTime processedAt) {}
