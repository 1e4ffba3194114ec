package dev.migrations.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.migrations.MigrationFailedException;
import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * An {@code upgrade head} that meets a table another PostgreSQL session holds in ACCESS EXCLUSIVE
 * mode, and the failure it ends with.
 *
 * @param failure what the upgrade threw
 * @param took from the start of the upgrade to its failure, for reports only: a busy machine decides
 *     it, so tests assert that the upgrade failed while the lock was still held instead
 */
record BlockedUpgrade(MigrationFailedException failure, Duration took) {

    /**
     * Runs the upgrade on its own thread (so a lock_timeout that is not applied fails the test
     * instead of hanging it) while another session locks {@code table}; the upgrade must fail with a
     * {@link MigrationFailedException} while the lock is still held (it is released only after the
     * failure), so a lock_timeout that is not applied ends in a timeout of this wait instead.
     */
    static BlockedUpgrade upgradeWhileLocked(TestDatabase db, Migrations engine, String table) throws Exception {
        Throwable thrown;
        long took;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection blocker = db.connect()) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
            long start = System.nanoTime();
            Future<MigrationResult> run = pool.submit(() -> engine.upgrade("head"));
            thrown = catchThrowable(() -> run.get(60, TimeUnit.SECONDS));
            took = System.nanoTime() - start;
            blocker.rollback();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(MigrationFailedException.class);
        return new BlockedUpgrade((MigrationFailedException) thrown.getCause(), Duration.ofNanos(took));
    }
}
