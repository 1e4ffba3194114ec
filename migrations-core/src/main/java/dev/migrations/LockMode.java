package dev.migrations;

import java.util.Locale;

/**
 * Which migration lock a run takes on PostgreSQL (H2 always uses its lock row).
 *
 * <p>A session advisory lock lives as long as the server session. Behind a pooler in transaction
 * mode (PgBouncer {@code pool_mode=transaction}) the session is not the client's: the lock is taken
 * on whichever server connection the statement got, protects nothing, and can stay held by an idle
 * pooled connection after the migrator exits. A lease is a row with an expiry, taken and renewed in
 * short transactions, so it works through any pooler and a killed holder's lease simply expires.
 */
public enum LockMode {
    /** The session lock when the connection is verified to be a server session of its own, else the lease. */
    AUTO,
    /** Always the session advisory lock (only safe on direct connections or session-mode pools). */
    SESSION,
    /** Always the lease row. */
    LEASE;

    /** Reads {@code auto}, {@code session} or {@code lease} (any case); {@code key} names the setting. */
    public static LockMode parse(String value, String key) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MigrationsException("'" + key + "' must be auto, session or lease, not '" + value + "'", e);
        }
    }
}
