package dev.migrations.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrations.MigrationFailedException;
import dev.migrations.boot.it.app.ItApplication;
import dev.migrations.boot.it.app.LedgerWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real web applications on real PostgreSQL: the start-up migration finishes before the port binds
 * and before {@code @Scheduled} tasks run, a failed revision stops the start with the port never
 * open, and instances starting together apply each revision once.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupOrderingIT {
    private static final String FIRST = "aaaa00000001";
    private static final String SECOND = "bbbb00000002";

    @TempDir
    Path scripts;

    private PostgresDatabase db;
    private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createDatabase() throws Exception {
        db = PostgresDatabase.create();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (ConfigurableApplicationContext context : contexts) {
            context.close();
        }
        db.close();
    }

    @Test
    void thePortStaysClosedWhileASlowRevisionRuns() throws Exception {
        ledgerRevision(FIRST, "", "");
        ledgerRevision(SECOND, FIRST, "SELECT pg_sleep(3);\n");
        int port = freePort();
        AtomicInteger refusedWhileMigrating = new AtomicInteger();
        AtomicReference<List<String>> versionsWhenFirstAccepted = new AtomicReference<>();
        AtomicReference<Exception> pollerError = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread poller = new Thread(() -> {
            try (Connection watch = db.connect()) {
                while (!stop.get()) {
                    boolean migrating = !PostgresDatabase.strings(
                                    watch,
                                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                                            + " AND pid <> pg_backend_pid() AND state = 'active'"
                                            + " AND query LIKE '%pg_sleep(3)%'")
                            .isEmpty();
                    if (accepts(port)) {
                        versionsWhenFirstAccepted.set(
                                PostgresDatabase.strings(watch, "SELECT version_num FROM alembic_version"));
                        return;
                    }
                    if (migrating) {
                        refusedWhileMigrating.incrementAndGet();
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                pollerError.set(e);
            }
        });
        poller.start();
        try {
            start(port);
            poller.join(10_000);
        } finally {
            stop.set(true);
        }

        assertThat(pollerError.get()).isNull();
        // The slow revision ran while the port refused connections...
        assertThat(refusedWhileMigrating.get()).isGreaterThan(5);
        // ...and the first accepted connection found the database migrated.
        assertThat(versionsWhenFirstAccepted.get()).containsExactly(SECOND);
        assertThat(accepts(port)).isTrue();
    }

    @Test
    void theFirstScheduledRunSeesTheMigratedTable() throws Exception {
        ledgerRevision(FIRST, "", "");
        ledgerRevision(SECOND, FIRST, "");
        ConfigurableApplicationContext context = start(0);

        String firstRun = context.getBean(LedgerWatcher.class).firstRun().get(10, TimeUnit.SECONDS);

        assertThat(firstRun).isEqualTo("ledger: " + FIRST + "," + SECOND);
    }

    @Test
    void aFailingRevisionStopsTheStartAndThePortNeverOpens(CapturedOutput output) throws Exception {
        ledgerRevision(FIRST, "", "");
        ledgerRevision(SECOND, FIRST, "SELECT pg_sleep(1);\nSELECT * FROM no_such_table;\n");
        int port = freePort();
        AtomicBoolean everAccepted = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        Thread poller = new Thread(() -> {
            while (!stop.get()) {
                if (accepts(port)) {
                    everAccepted.set(true);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        poller.start();
        try {
            assertThatThrownBy(() -> start(port)).satisfies(e -> {
                MigrationFailedException failed = cause(e, MigrationFailedException.class);
                assertThat(failed.revision()).isEqualTo(SECOND);
                assertThat(failed.sqlState()).isEqualTo("42P01");
            });
        } finally {
            stop.set(true);
            poller.join(5_000);
        }

        assertThat(everAccepted.get()).isFalse();
        assertThat(accepts(port)).isFalse();
        assertThat(output)
                .contains(
                        "APPLICATION FAILED TO START",
                        "Revision " + SECOND + " failed while the application was starting",
                        SECOND + "_step.sql:8",
                        "relation \"no_such_table\" does not exist",
                        "Applied in this run: " + FIRST,
                        "Fix the script");
        // PostgreSQL DDL is transactional: the failed revision left nothing behind.
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly(FIRST);
        assertThat(db.strings("SELECT revision FROM ledger")).containsExactly(FIRST);
    }

    @Test
    void twoInstancesStartingTogetherApplyEachRevisionOnce() throws Exception {
        ledgerRevision(FIRST, "", "SELECT pg_sleep(1);\n");
        ledgerRevision(SECOND, FIRST, "SELECT pg_sleep(1);\n");
        // Spring Boot's logging system is global to the JVM: two applications configuring it at the same
        // moment can fail ("Unknown format 'CONSOLE_LOG_STRUCTURED_FORMAT_IS_UNDEFINED'"). The second
        // starts once the first has configured it; both still meet at the migration lock (each
        // revision sleeps a second).
        CountDownLatch loggingConfigured = new CountDownLatch(1);
        ApplicationListener<ApplicationEnvironmentPreparedEvent> afterLogging = event -> loggingConfigured.countDown();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ConfigurableApplicationContext>> starts = new ArrayList<>();
            starts.add(pool.submit(() -> start(0, afterLogging)));
            starts.add(pool.submit(() -> {
                assertThat(loggingConfigured.await(60, TimeUnit.SECONDS)).isTrue();
                return start(0);
            }));
            for (Future<ConfigurableApplicationContext> started : starts) {
                assertThat(started.get(60, TimeUnit.SECONDS).isRunning()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(db.strings("SELECT revision FROM ledger ORDER BY revision")).containsExactly(FIRST, SECOND);
        assertThat(db.strings("SELECT revision FROM alembic_version_history WHERE direction = 'upgrade' ORDER BY id"))
                .containsExactly(FIRST, SECOND);
        assertThat(db.strings("SELECT version_num FROM alembic_version")).containsExactly(SECOND);
    }

    // ------------------------------------------------------------------ helpers

    private ConfigurableApplicationContext start(int port, ApplicationListener<?>... listeners) {
        List<String> properties = new ArrayList<>(db.springProperties());
        properties.add("migrations.locations=filesystem:" + scripts.toAbsolutePath());
        properties.add("server.port=" + port);
        properties.add("spring.main.banner-mode=off");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ItApplication.class)
                .properties(properties.toArray(String[]::new))
                .listeners(listeners)
                .run();
        contexts.add(context);
        return context;
    }

    /** A revision that records itself in the {@code ledger} table (created by the base revision). */
    private void ledgerRevision(String id, String revises, String extra) throws IOException {
        String create = revises.isEmpty()
                ? "CREATE TABLE ledger (revision varchar(32) PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());\n"
                : "";
        String text = "-- ledger " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises + "\n\n"
                + "-- migrate:upgrade\n" + create + extra + "INSERT INTO ledger (revision) VALUES ('" + id + "');\n\n"
                + "-- migrate:downgrade\nDELETE FROM ledger WHERE revision = '" + id + "';\n";
        Files.writeString(scripts.resolve(id + "_step.sql"), text);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure, failure);
    }
}
