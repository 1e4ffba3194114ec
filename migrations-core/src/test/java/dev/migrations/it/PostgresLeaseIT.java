package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.LockMode;
import dev.migrations.MigrationsException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock modes on a direct connection (PgBouncerIT in reliability-tests runs them through a real
 * PgBouncer): auto keeps the session advisory lock there; a lease is taken, released, and, once
 * another migrator has it, stops the run before its next revision.
 */
class PostgresLeaseIT {
    @TempDir
    Path scripts;

    /** A fresh database per test (JUnit makes an instance per test). */
    private final TestDatabase db = TestDatabases.postgres();

    @AfterEach
    void dropDatabase() throws SQLException {
        db.close();
    }

    @Test
    void autoKeepsTheSessionLockOnADirectConnection() throws SQLException {
        new RevisionFiles(scripts).linear("r1", "r2");
        db.configure(scripts).load().upgrade("head");
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly("r2");
        assertThat(db.number("SELECT count(*) FROM pg_tables WHERE tablename = 'alembic_version_lock'"))
                .as("no lease table: the connection is verified to be a session of its own")
                .isZero();
    }

    @Test
    void aLeaseIsTakenAndReleased() throws SQLException {
        new RevisionFiles(scripts).linear("r1", "r2", "r3");
        db.configure(scripts).lockMode(LockMode.LEASE).load().upgrade("head");
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly("r3");
        assertThat(db.number("SELECT count(*) FROM alembic_version_lock")).isZero();
        assertThat(db.number("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database ="
                        + " (SELECT oid FROM pg_database WHERE datname = current_database())"))
                .isZero();
    }

    @Test
    void aLeaseTakenOverStopsTheRunBeforeItsNextRevision() throws SQLException {
        new RevisionFiles(scripts).rev("r1").write();
        // r2 plays the other migrator: it takes the lease over, then gives the heartbeat time to notice.
        new RevisionFiles(scripts)
                .rev("r2")
                .revises("r1")
                .nonTransactional()
                .upgrade("UPDATE alembic_version_lock SET holder = 'host other pid 1 run 0',"
                        + " expires_at = now() + interval '1 hour';\nSELECT pg_sleep(1.5);")
                .write();
        new RevisionFiles(scripts)
                .rev("r3")
                .revises("r2")
                .upgrade("CREATE TABLE t_r3 (id INT);")
                .write();

        assertThatThrownBy(() -> db.configure(scripts)
                        .lockMode(LockMode.LEASE)
                        .leaseExpiry(Duration.ofSeconds(1))
                        .load()
                        .upgrade("head"))
                .isInstanceOf(MigrationsException.class)
                .hasMessage("The migration lease on alembic_version_lock is no longer this run's: it expired and"
                        + " another migrator took it over. The run stopped before its next revision so that two"
                        + " migrators never work at once; run the command again (it waits for the lease)."
                        + " Applied in this run: r1, r2.");
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly("r2");
        assertThat(db.number("SELECT count(*) FROM pg_tables WHERE tablename = 't_r3'"))
                .isZero();
        assertThat(db.strings("SELECT holder FROM alembic_version_lock"))
                .as("the run released only its own lease")
                .containsExactly("host other pid 1 run 0");
    }
}
