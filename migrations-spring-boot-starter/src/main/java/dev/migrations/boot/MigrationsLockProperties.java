package dev.migrations.boot;

import dev.migrations.LockMode;
import dev.migrations.MigrationsConfig;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.convert.DurationUnit;

/**
 * The migration lock's settings, and the retries of DDL that timed out on a table lock, of {@code
 * migrations.*} (and of each {@code migrations.datasources.<name>.*}).
 */
public abstract class MigrationsLockProperties {

    /** How long to wait for another migrator's lock. If no unit is given, seconds. */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration lockWaitTimeout = Duration.ofMinutes(10);

    /**
     * Migration lock on PostgreSQL: 'auto' takes the session advisory lock on a connection verified to
     * be a server session of its own and a lease behind a pooler such as PgBouncer; 'session' or
     * 'lease' force one.
     */
    private LockMode lockMode = LockMode.AUTO;

    /**
     * How long a lease outlives its holder's last renewal (renewed every third of it): how long a
     * killed migrator blocks the next. If no unit is given, seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration leaseExpiry = Duration.ofSeconds(30);

    /**
     * How many more times a transactional revision is tried (rolled back, after a pause) when one of its
     * statements gives up waiting for a lock (ddl-lock-timeout); 0 fails the start at once.
     */
    private int ddlLockRetries;

    /**
     * The pause before the first retry of a revision that timed out waiting for a lock, doubled for each
     * next one up to a minute. If no unit is given, seconds.
     */
    @DurationUnit(ChronoUnit.SECONDS)
    private Duration ddlLockRetryDelay = MigrationsConfig.DEFAULT_DDL_LOCK_RETRY_DELAY;

    public Duration getLockWaitTimeout() {
        return lockWaitTimeout;
    }

    public void setLockWaitTimeout(Duration lockWaitTimeout) {
        this.lockWaitTimeout = lockWaitTimeout;
    }

    public LockMode getLockMode() {
        return lockMode;
    }

    public void setLockMode(LockMode lockMode) {
        this.lockMode = lockMode;
    }

    public Duration getLeaseExpiry() {
        return leaseExpiry;
    }

    public void setLeaseExpiry(Duration leaseExpiry) {
        this.leaseExpiry = leaseExpiry;
    }

    public int getDdlLockRetries() {
        return ddlLockRetries;
    }

    public void setDdlLockRetries(int ddlLockRetries) {
        this.ddlLockRetries = ddlLockRetries;
    }

    public Duration getDdlLockRetryDelay() {
        return ddlLockRetryDelay;
    }

    public void setDdlLockRetryDelay(Duration ddlLockRetryDelay) {
        this.ddlLockRetryDelay = ddlLockRetryDelay;
    }
}
