package dev.migrations.internal.runtime;

import dev.migrations.MigrationsException;
import dev.migrations.internal.dialect.MigrationLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a lease every third of its expiry, each renewal one statement of its own on the lock
 * connection (so it works through a transaction-mode pooler), while the run works on another. The run
 * asks {@link #check()} before each revision: when a renewal found the lease taken over, or none has
 * succeeded for two thirds of the expiry (so the lease may lapse before the revision ends), the run
 * stops there, and never works beside a migrator that took the lease over.
 */
final class LeaseHeartbeat implements HeldLock, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final MigrationLock lock;
    private final Connection lockConnection;
    private final String table;
    private final long expiryNanos;
    private final ScheduledExecutorService executor;
    private volatile long renewedNanos;
    private volatile String lost;

    LeaseHeartbeat(MigrationLock lock, Connection lockConnection, String table, Duration expiry) {
        this.lock = lock;
        this.lockConnection = lockConnection;
        this.table = table;
        this.expiryNanos = expiry.toNanos();
        this.renewedNanos = System.nanoTime();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "migrations-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, expiryNanos / 3);
        // renew() catches what it can; anything else ends the renewals, which check() then reports.
        var unused = executor.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.NANOSECONDS);
    }

    private void renew() {
        if (lost != null) {
            return;
        }
        try {
            if (lock.renew(lockConnection)) {
                renewedNanos = System.nanoTime();
            } else {
                lost = "it expired and another migrator took it over";
            }
        } catch (SQLException e) {
            // One failed renewal is not yet a lost lease: check() judges by the last success.
            LOG.warn("Could not renew the migration lease on {}_lock: {}", table, e.getMessage());
        }
    }

    @Override
    public void check() {
        String reason = lost;
        long since = System.nanoTime() - renewedNanos;
        if (reason == null && since > expiryNanos * 2 / 3) {
            reason = "it was last renewed " + since / 1_000_000_000L + " s ago and expires "
                    + expiryNanos / 1_000_000_000L + " s after a renewal (is the database reachable?)";
        }
        if (reason != null) {
            throw new LeaseLost("The migration lease on " + table + "_lock is no longer this run's: " + reason
                    + ". The run stopped before its next revision so that two migrators never work at once;"
                    + " run the command again (it waits for the lease).");
        }
    }

    @Override
    public boolean sessionPinned() {
        return lock.sessionPinned();
    }

    /** Stops renewing; the caller releases the lease after. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(expiryNanos, TimeUnit.NANOSECONDS)) {
                LOG.warn("The lease heartbeat did not stop; releasing the lease anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The lease stopped being this run's. */
    static final class LeaseLost extends MigrationsException {
        private static final long serialVersionUID = 1L;

        LeaseLost(String message) {
            super(message);
        }
    }
}
