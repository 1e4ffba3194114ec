package dev.migrations.reliability;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PgBouncer ({@code /usr/sbin/pgbouncer}, Debian's package, which {@code .ci/run} installs) in
 * transaction mode in front of the suite's server, on a free loopback port, with its configuration in
 * a temporary directory; {@link #close()} stops it. PgBouncer refuses to run as root, so as root it
 * is started with {@code -u postgres}. Without the binary the tests are skipped, except under CI
 * ({@code MIGRATIONS_CI=true}), where they fail.
 *
 * @param process the running pgbouncer
 * @param port its port on 127.0.0.1
 * @param dir its configuration and log
 */
public record PgBouncer(Process process, int port, Path dir) implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/pgbouncer");

    /** Starts PgBouncer with {@code pool_mode=transaction} and at most {@code poolSize} server connections per database. */
    public static PgBouncer start(Pg pg, int poolSize) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            if ("true".equalsIgnoreCase(System.getenv("MIGRATIONS_CI"))) {
                fail(BINARY + " is missing, and under CI (MIGRATIONS_CI=true) the pooler tests must run: install"
                        + " Debian's pgbouncer package (.ci/run does)");
            }
            Assumptions.abort(
                    BINARY + " is missing: apt-get install pgbouncer (or run .ci/run) to run the pooler tests");
        }
        URI upstream = URI.create(pg.adminUrl().substring("jdbc:".length()));
        Path dir = Files.createTempDirectory("pgbouncer-");
        // Readable by the user pgbouncer switches to when started as root.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = freePort();
        String server = "host=" + upstream.getHost() + " port=" + (upstream.getPort() < 0 ? 5432 : upstream.getPort())
                + " user=" + pg.user() + (pg.password() == null ? "" : " password=" + pg.password());
        Files.writeString(dir.resolve("users.txt"), "\"" + pg.user() + "\" \"\"\n", StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve("pgbouncer.ini"),
                String.join(
                        "\n",
                        "[databases]",
                        "* = " + server,
                        "[pgbouncer]",
                        "listen_addr = 127.0.0.1",
                        "listen_port = " + port,
                        "unix_socket_dir =",
                        "auth_type = trust",
                        "auth_file = " + dir.resolve("users.txt"),
                        "pool_mode = transaction",
                        "default_pool_size = " + poolSize,
                        "max_client_conn = 500",
                        "ignore_startup_parameters = extra_float_digits,options",
                        ""),
                StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "postgres"));
        }
        command.add(dir.resolve("pgbouncer.ini").toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("pgbouncer.log").toFile())
                .start();
        PgBouncer bouncer = new PgBouncer(process, port, dir);
        bouncer.awaitUp(pg);
        return bouncer;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitUp(Pg pg) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                pg.connect(url("postgres")).close();
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new AssertionError(
                            "PgBouncer did not come up on 127.0.0.1:" + port + ": " + e.getMessage() + "\n" + log());
                }
                Thread.sleep(100);
            }
        }
    }

    /** The JDBC URL of a database through PgBouncer. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** PgBouncer's log, for failure messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("pgbouncer.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
