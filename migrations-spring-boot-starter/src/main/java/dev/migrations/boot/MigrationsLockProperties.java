package dev.migrations.boot;

import dev.migrations.LockMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.convert.DurationUnit;

/** The migration lock's settings of {@code migrations.*} (and of each {@code migrations.datasources.<name>.*}). */
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
}
