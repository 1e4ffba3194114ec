package dev.migrations.testserver;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded server where the zonky launcher cannot run it: as root without user namespaces. The same
 * binaries ({@link PostgresBinaries}) run as {@code nobody} through {@code setpriv}: {@code initdb} into
 * a temporary directory (trust, user {@code postgres}), {@code pg_ctl start} on a free port; stopped and
 * removed when the JVM exits.
 */
final class OwnServer {
    private OwnServer() {}

    static TestPostgres start() throws IOException {
        long begin = System.nanoTime();
        Path bin = PostgresBinaries.bin();
        Path dir = Files.createTempDirectory("migrations-test-pg-");
        Path data = dir.resolve("data");
        PostgresBinaries.prepare(dir);
        PostgresBinaries.run(PostgresBinaries.asServerUser(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF-8",
                "--no-sync")));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> ctl = List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60");
        PostgresBinaries.run(PostgresBinaries.asServerUser(Stream.concat(
                        ctl.stream(),
                        Stream.of(
                                "-l",
                                dir.resolve("log").toString(),
                                "-o",
                                "-p " + port + " -k " + dir
                                        + " -c listen_addresses=localhost -F -c max_connections=300",
                                "start"))
                .toList()));
        // The stop command is fixed now: it runs as the same user as the server, whatever happens later.
        List<String> stop =
                PostgresBinaries.asServerUser(Stream.concat(ctl.stream(), Stream.of("-m", "immediate", "stop"))
                        .toList());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stop, dir), "embedded-postgres-stop"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
        return new TestPostgres(
                "jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres",
                null,
                "embedded PostgreSQL on port " + port + " (as nobody through setpriv), started in " + millis + " ms");
    }

    private static void stop(List<String> stop, Path dir) {
        try {
            PostgresBinaries.run(stop);
        } catch (IOException e) {
            System.err.println("Could not stop the embedded PostgreSQL in " + dir + ": " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not remove " + dir + ": " + e.getMessage());
        }
    }
}
