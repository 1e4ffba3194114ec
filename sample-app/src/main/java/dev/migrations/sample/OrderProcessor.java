package dev.migrations.sample;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The background worker: every {@code sample.worker.delay} (1s by default) it processes pending
 * orders. It starts only after the start-up migration, so its first run already finds the
 * {@code processed_at} column and the {@code order_events} table.
 */
@Component
public class OrderProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(OrderProcessor.class);
    private static final int BATCH = 100;

    private final OrderRepository orders;

    public OrderProcessor(OrderRepository orders) {
        this.orders = orders;
    }

    /** One round: processes up to a batch of pending orders. */
    @Scheduled(fixedDelayString = "${sample.worker.delay:1s}")
    public void processPendingOrders() {
        int processed = orders.processPending(BATCH);
        if (processed > 0) {
            LOG.info("Processed {} order(s)", processed);
        }
    }
}
