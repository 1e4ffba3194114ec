package dev.migrations.fleet;

import java.time.Duration;

/** Hears a fleet run's progress; called from the worker threads, one call at a time. */
@FunctionalInterface
public interface FleetListener {

    /** A listener that does nothing. */
    FleetListener NONE = (outcome, progress) -> {};

    /** A tenant finished (whatever its state), and where the run stands after it. */
    void tenantFinished(TenantOutcome outcome, Progress progress);

    /**
     * Where a fleet run stands.
     *
     * @param total the tenants of the run
     * @param done the tenants finished, failed ones included
     * @param failed the tenants that failed
     * @param elapsed since the run began
     */
    record Progress(int total, int done, int failed, Duration elapsed) {

        /** The tenants not yet finished. */
        public int remaining() {
            return total - done;
        }

        /** Tenants finished per second so far. */
        public double rate() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : done / seconds;
        }

        /** The time left at the rate so far (zero before any tenant finished). */
        public Duration eta() {
            double rate = rate();
            return rate <= 0 ? Duration.ZERO : Duration.ofMillis(Math.round(remaining() / rate * 1000));
        }
    }
}
