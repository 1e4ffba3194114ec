package dev.migrations.internal.runtime;

import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a revision again when one of its statements gave up waiting for a lock ({@code lock_timeout},
 * or {@code NOWAIT}: SQLState 55P03), as strong_migrations does: the point of a short lock timeout is
 * that DDL stuck behind a long query stops queueing the application's queries behind it, and the
 * deploy should still get through once the long query is gone.
 *
 * <p>Only a failure inside a transaction is retried: the rollback undoes everything the transaction
 * did, so running it again from the version table's rows is the same as a fresh run. A revision
 * outside a transaction ({@code Transactional: false}) may have done part of its work, and is
 * reported as half-applied instead. The run keeps its connection, so the migration lock (session
 * advisory lock, or lease with its heartbeat thread) stays held across the pause.
 */
final class LockRetry {
    private static final Logger LOG = LoggerFactory.getLogger(LockRetry.class);
    static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final int MAX_SHOWN = 120;

    private final int retries;
    private final Duration firstDelay;
    private final Duration lockTimeout;
    private String revision;
    private int retried;

    LockRetry(MigrationsConfig config) {
        this.retries = config.ddlLockRetries();
        this.firstDelay = config.ddlLockRetryDelay();
        this.lockTimeout = config.ddlLockTimeout();
    }

    static boolean lockTimeout(SQLException e) {
        return LOCK_NOT_AVAILABLE.equals(e.getSQLState());
    }

    /**
     * Whether the failure is retried: a lock timeout, inside a transaction, with attempts left for its
     * revision. The caller rolls back, then calls {@link #pause}.
     */
    boolean retries(JdbcSink.StatementFailure failure, boolean inTransaction) {
        if (!inTransaction || !lockTimeout(failure.sqlException())) {
            return false;
        }
        String failed = failure.script().revision();
        if (!failed.equals(revision)) {
            // Another revision's retries were enough for it: this one gets its own.
            revision = failed;
            retried = 0;
        }
        return retried < retries;
    }

    /** Logs the attempt and waits, with the transaction already rolled back (so no lock is kept). */
    void pause(JdbcSink.StatementFailure failure) {
        retried++;
        Duration delay = delay(retried);
        LOG.warn(
                "Revision {} ({}:{}) timed out waiting for a lock{} in: {}; rolled back, attempt {} of {} in {}",
                revision,
                failure.script().path(),
                failure.statement().line(),
                lockTimeout == null ? "" : " (lock timeout " + LockedSection.format(lockTimeout) + ")",
                shown(failure.statement().sql()),
                retried + 1,
                retries + 1,
                LockedSection.format(delay));
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationsException(
                    "Interrupted while waiting to retry revision " + revision + " after a lock timeout; it was"
                            + " rolled back, run again to continue",
                    e);
        }
    }

    /** The n-th retry's delay: the first delay doubled n - 1 times, at most a minute (or the first delay). */
    Duration delay(int retry) {
        Duration cap = firstDelay.compareTo(MigrationsConfig.MAX_DDL_LOCK_RETRY_DELAY) > 0
                ? firstDelay
                : MigrationsConfig.MAX_DDL_LOCK_RETRY_DELAY;
        Duration delay = firstDelay;
        for (int i = 1; i < retry && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /** What the failure message adds about retrying a lock timeout; empty for other failures. */
    String note(JdbcSink.StatementFailure failure, boolean inTransaction) {
        if (!lockTimeout(failure.sqlException())) {
            return "";
        }
        String revisionId = failure.script().revision();
        if (!inTransaction) {
            return " Revision " + revisionId + " runs outside a transaction, so the lock timeout was not retried.";
        }
        if (retries == 0) {
            return " Another session holds a lock the statement needs (see pg_stat_activity and pg_locks); run"
                    + " again when it is gone, or let the engine retry with ddl-lock-retries"
                    + " (migrations.ddl-lock-retries, CLI: --ddl-lock-retries).";
        }
        int attempts = revisionId.equals(revision) ? retried + 1 : 1;
        return " It was tried " + attempts + " times (" + (attempts - 1) + " retries, the first after "
                + LockedSection.format(firstDelay) + ", doubling) and every attempt timed out waiting for a lock:"
                + " another session keeps holding one the statement needs (see pg_stat_activity and pg_locks)."
                + " End that session or run again at a quieter time; ddl-lock-retries and ddl-lock-retry-delay"
                + " (migrations.*, CLI: --ddl-lock-retries, --ddl-lock-retry-delay) give it longer.";
    }

    private static String shown(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_SHOWN ? oneLine : oneLine.substring(0, MAX_SHOWN) + "...";
    }
}
