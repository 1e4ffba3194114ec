package dev.migrations.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DDL under live traffic: while the application reads and writes {@code orders} (a {@link
 * LoadGenerator}) and a long query holds its ACCESS SHARE lock, a revision ALTERs the table.
 * Without {@code ddl-lock-timeout} the ALTER queues behind the long query and every application
 * query queues behind the ALTER until the long query ends; with it and {@code ddl-lock-retries} the
 * ALTER gives up and retries, the application's queries keep completing while the long query runs,
 * and the deploy completes once it ends. What is asserted is order and state, read from {@code
 * pg_locks} and {@code pg_stat_activity}; the longest stall is measured and reported.
 */
class LiveTrafficIT {
    private static final int LOAD_THREADS = 4;
    private static final Duration LONG_QUERY = Duration.ofSeconds(Jvm.longRun() ? 30 : 3);

    private final Pg pg = Pg.server();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final String db;

    @TempDir
    Path dir;

    LiveTrafficIT() throws SQLException {
        db = pg.createDatabase("rel_live");
    }

    @AfterEach
    void drop() throws Exception {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        pg.dropDatabase(db);
    }

    private Path scripts() {
        return Revisions.chain(
                dir.resolve("scripts"),
                2,
                n -> n == 1
                        ? "CREATE TABLE orders (id serial PRIMARY KEY, note text);\n"
                                + "INSERT INTO orders (note) SELECT 'seed' FROM generate_series(1, 100);"
                        : "ALTER TABLE orders ADD COLUMN status text;");
    }

    private Migrations engine(UnaryOperator<MigrationsConfig.Builder> settings) {
        return settings.apply(Migrations.configure()
                        .locations("filesystem:" + scripts())
                        .url(pg.url(db), pg.user(), pg.password()))
                .load();
    }

    @Test
    void withoutALockTimeoutTheApplicationQueuesBehindTheAlterUntilTheLongQueryEnds() throws Exception {
        // The ALTER waits for the long query, and then every application session waits for the ALTER.
        Outcome outcome = deployUnderTraffic(
                engine(b -> b),
                attempts -> attempts.size() == 1 && applicationSessionsWaitingForALock() == LOAD_THREADS);
        assertThat(outcome.attempts()).as("one ALTER, waiting all along").hasSize(1);
        assertThat(outcome.duringLongQuery())
                .as("application statements completed while the long query held the ALTER")
                .isZero();
        assertAppliedOnce();
        Report.write("live-traffic-without-timeout", "long query " + LONG_QUERY.toSeconds() + " s; " + outcome);
    }

    @Test
    void withALockTimeoutAndRetriesTheApplicationKeepsGoingAndTheDeployCompletes() throws Exception {
        Outcome outcome = deployUnderTraffic(
                engine(b -> b.ddlLockTimeout(Duration.ofMillis(200))
                        .ddlLockRetries(1_000)
                        .ddlLockRetryDelay(Duration.ofMillis(500))),
                attempts -> attempts.size() >= 2);
        assertThat(outcome.attempts())
                .as("ALTER attempts, each its own transaction")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(outcome.duringLongQuery())
                .as("application statements completed while the long query was still running")
                .isPositive();
        assertAppliedOnce();
        Report.write(
                "live-traffic-with-timeout",
                "long query " + LONG_QUERY.toSeconds() + " s; lock timeout 200 ms, retry delay 500 ms; " + outcome);
    }

    /**
     * What a deploy under traffic came to.
     *
     * @param attempts the ALTER's transactions seen waiting for the table
     * @param duringLongQuery application statements completed while the long query held its lock, from
     *     the moment the deploy was seen waiting
     * @param stall the longest single application statement
     * @param deployAfter from the end of the long query to the end of the deploy
     */
    private record Outcome(Set<String> attempts, long duringLongQuery, Duration stall, Duration deployAfter) {
        @Override
        public String toString() {
            return "ALTER attempts seen " + attempts.size() + "; application statements completed meanwhile: "
                    + duringLongQuery + "; longest application stall " + stall.toMillis() + " ms; the deploy"
                    + " finished " + deployAfter.toMillis() + " ms after the long query ended";
        }
    }

    private interface Waiting {
        boolean seen(Set<String> attempts) throws Exception;
    }

    /**
     * Migrates to r1, starts the traffic and the long query, starts the upgrade to head and waits until
     * {@code waiting} says the deploy is where the test wants it; then lets the long query run its
     * length, ends it, and waits for the deploy and a little more traffic.
     */
    private Outcome deployUnderTraffic(Migrations engine, Waiting waiting) throws Exception {
        engine.upgrade(Revisions.id(1));
        Set<String> attempts = new LinkedHashSet<>();
        try (LoadGenerator load = LoadGenerator.start(pg, pg.url(db), "orders", LOAD_THREADS, 100_000, maxTime());
                Connection longQuery = longReadOfOrders()) {
            awaitCompleted(load, 50);
            Future<MigrationResult> run = pool.submit(() -> engine.upgrade("head"));
            await(() -> {
                attempts.addAll(alterAttempts());
                return waiting.seen(attempts);
            });
            long before = load.completed();
            long deadline = System.nanoTime() + LONG_QUERY.toNanos();
            while (System.nanoTime() < deadline) {
                attempts.addAll(alterAttempts());
                Thread.sleep(20);
            }
            long duringLongQuery = load.completed() - before;
            assertThat(run.isDone()).as("the deploy waits for the long query").isFalse();
            longQuery.commit();
            long ended = System.nanoTime();
            assertThat(run.get(2, TimeUnit.MINUTES).after()).containsExactly(Revisions.id(2));
            Duration deployAfter = Duration.ofNanos(System.nanoTime() - ended);
            awaitCompleted(load, load.completed() + 50);
            return new Outcome(attempts, duringLongQuery, load.longestStall(), deployAfter);
        }
    }

    private static Duration maxTime() {
        return LONG_QUERY.multipliedBy(4).plusMinutes(2);
    }

    /** A session in the middle of a long read of orders: it holds ACCESS SHARE until it commits. */
    private Connection longReadOfOrders() throws SQLException {
        Connection connection = pg.connect(pg.url(db));
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            st.executeQuery("SELECT count(*) FROM orders").close();
        }
        return connection;
    }

    /** The transactions now waiting for a lock on orders that are not the application's: the ALTER. */
    private Set<String> alterAttempts() throws SQLException {
        return new LinkedHashSet<>(pg.strings(
                db,
                "SELECT l.virtualtransaction FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                        + " WHERE NOT l.granted AND l.relation = 'orders'::regclass AND l.mode = 'AccessExclusiveLock'"
                        + " AND a.application_name <> '" + LoadGenerator.APPLICATION + "'"));
    }

    private long applicationSessionsWaitingForALock() throws SQLException {
        return pg.number(
                db,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()" + " AND application_name = '"
                        + LoadGenerator.APPLICATION + "' AND wait_event_type = 'Lock'");
    }

    private void assertAppliedOnce() throws SQLException {
        assertThat(pg.strings(db, "SELECT version_num FROM alembic_version")).containsExactly(Revisions.id(2));
        assertThat(pg.strings(
                        db,
                        "SELECT revision FROM alembic_version_history WHERE direction = 'upgrade' ORDER BY revision"))
                .containsExactly(Revisions.id(1), Revisions.id(2));
        assertThat(pg.number(
                        db,
                        "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders'"
                                + " AND column_name = 'status'"))
                .isEqualTo(1);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls until the condition holds; fails after two minutes. */
    private static void await(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("the awaited state was reached").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void awaitCompleted(LoadGenerator load, long statements) throws Exception {
        await(() -> load.completed() >= statements);
    }
}
