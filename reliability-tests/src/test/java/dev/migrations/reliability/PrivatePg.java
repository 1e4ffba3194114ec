package dev.migrations.reliability;

import dev.migrations.testserver.PostgresBinaries;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (initdb into a temporary directory, a free port, password
 * authentication): one that may be restarted mid-run without disturbing anyone else's tests, and
 * that checks passwords (the shared server trusts local connections). The programs come from the
 * embedded PostgreSQL's binaries ({@link PostgresBinaries}), so the machine needs no PostgreSQL of its
 * own; as root they run as another user the way {@link PostgresBinaries#asServerUser} says.
 */
final class PrivatePg implements AutoCloseable {
    static final String PASSWORD = "Pr1vate-S3cret-pw";

    private final Path dir;
    private final Path data;
    private final Path bin;
    private final int port;

    private PrivatePg(Path dir, Path bin, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.bin = bin;
        this.port = port;
    }

    /** Initializes and starts a server (about two seconds). */
    static PrivatePg start() throws IOException, InterruptedException {
        Path bin = PostgresBinaries.bin();
        Path dir = Files.createTempDirectory("reliability-pg");
        Files.writeString(dir.resolve("pw"), PASSWORD + "\n", StandardCharsets.UTF_8);
        PostgresBinaries.prepare(dir);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PrivatePg pg = new PrivatePg(dir, bin, port);
        run(asOwner(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                pg.data.toString(),
                "-A",
                "scram-sha-256",
                "--pwfile",
                dir.resolve("pw").toString(),
                "-U",
                "postgres",
                "--no-sync")));
        pg.ctl("start");
        return pg;
    }

    private static List<String> asOwner(List<String> command) {
        return PostgresBinaries.asServerUser(command);
    }

    private void ctl(String action) throws IOException, InterruptedException {
        run(asOwner(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("log").toString(),
                "-m",
                "immediate",
                "-w",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                action)));
    }

    /** Restarts the server (immediate shutdown: every session dies, as in a crash). */
    void restart() throws IOException, InterruptedException {
        ctl("restart");
    }

    /** Stops the server (immediate), keeping its data for {@link #startAgain()}. */
    void stop() throws IOException, InterruptedException {
        ctl("stop");
    }

    /** Starts the stopped server again, on the same port. */
    void startAgain() throws IOException, InterruptedException {
        ctl("start");
    }

    /** The JDBC URL of a database. */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** An admin handle on this server. */
    Pg admin() {
        return new Pg(url("postgres"), "postgres", PASSWORD);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError("Failed: " + String.join(" ", command) + "\n" + output);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            ctl("stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
