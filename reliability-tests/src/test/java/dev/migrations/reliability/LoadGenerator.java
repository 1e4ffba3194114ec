package dev.migrations.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's traffic on a table: a few threads, each on its own connection (loopback,
 * {@code ApplicationName=live-load}), reading one row by key and inserting one, a couple of
 * milliseconds apart. Bounded by a number of operations per thread and by time; records how many
 * statements completed and the longest any single one took (the stall the application saw).
 */
final class LoadGenerator implements AutoCloseable {
    static final String APPLICATION = "live-load";

    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong longestNanos = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final long deadline;
    private volatile boolean stopping;

    private LoadGenerator(Duration maxTime) {
        this.deadline = System.nanoTime() + maxTime.toNanos();
    }

    /**
     * Starts the threads on {@code table} (columns {@code id serial}, {@code note text}) of the
     * database at {@code url}; each stops after {@code maxOps} operations, after {@code maxTime}, or
     * when closed.
     */
    static LoadGenerator start(Pg server, String url, String table, int threads, int maxOps, Duration maxTime)
            throws SQLException {
        LoadGenerator load = new LoadGenerator(maxTime);
        String appUrl = Pg.withParam(url, "ApplicationName=" + APPLICATION);
        for (int i = 0; i < threads; i++) {
            Connection connection = server.connect(appUrl);
            Thread thread = new Thread(() -> load.work(connection, table, maxOps), "live-load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
        }
        load.threads.forEach(Thread::start);
        return load;
    }

    private void work(Connection connection, String table, int maxOps) {
        try (connection;
                PreparedStatement read = connection.prepareStatement("SELECT note FROM " + table + " WHERE id = ?");
                PreparedStatement write = connection.prepareStatement("INSERT INTO " + table + " (note) VALUES (?)")) {
            for (int op = 0; op < maxOps && !stopping && System.nanoTime() < deadline; op++) {
                read.setInt(1, 1 + ThreadLocalRandom.current().nextInt(100));
                timed(() -> {
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                });
                write.setString(1, Thread.currentThread().getName());
                timed(write::executeUpdate);
                Thread.sleep(2);
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Query {
        void run() throws SQLException;
    }

    private void timed(Query query) throws SQLException {
        long start = System.nanoTime();
        query.run();
        long took = System.nanoTime() - start;
        longestNanos.accumulateAndGet(took, Math::max);
        completed.incrementAndGet();
    }

    /** Statements completed so far. */
    long completed() {
        return completed.get();
    }

    /** The longest a single statement took so far. */
    Duration longestStall() {
        return Duration.ofNanos(longestNanos.get());
    }

    /** Stops the threads and fails if one of them failed (an application query must not error). */
    @Override
    public void close() {
        stopping = true;
        try {
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new AssertionError("An application query failed: " + failed, failed);
        }
    }
}
