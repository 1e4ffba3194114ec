package dev.migrations.internal.runtime;

/** The migration lock as a run holds it: what the run asks of it between revisions. */
interface HeldLock {
    /** A lock held as long as its connection: always still held, session settings stay. */
    HeldLock SESSION = new HeldLock() {
        @Override
        public void check() {}

        @Override
        public boolean sessionPinned() {
            return true;
        }
    };

    /** Throws {@link LeaseHeartbeat.LeaseLost} when the lock can no longer be trusted to be this run's. */
    void check();

    /**
     * Whether the run's connection is a server session of its own, so {@code SET} stays on it; else
     * settings must be made per transaction.
     */
    boolean sessionPinned();
}
