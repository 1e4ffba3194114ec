package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code java -jar target/sample-app-*.jar}) started as a process on a free
 * port, its output in a log file under {@code target/}, and ready when its readiness probe says so.
 */
final class PackagedService implements AutoCloseable {
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;
    private final Path log;
    private final int port;

    private PackagedService(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** How a run of the jar to its end went. */
    record Exit(int code, String log) {}

    /** Runs the jar until it exits by itself (at most two minutes). */
    static Exit runToExit(String logName, List<String> appArgs) throws Exception {
        Path log = Path.of("target", logName);
        Process process = new ProcessBuilder(command(List.of(), 0, appArgs))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the jar did not exit within two minutes:\n" + Files.readString(log));
        }
        return new Exit(process.exitValue(), Files.readString(log));
    }

    private static List<String> command(List<String> jvmArgs, int port, List<String> appArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar().toString(), "--spring.main.banner-mode=off"));
        if (port > 0) {
            command.add("--server.port=" + port);
        }
        command.addAll(appArgs);
        return command;
    }

    /**
     * Starts the jar and waits until it is ready.
     *
     * @param logName the log file's name under {@code target/}
     * @param jvmArgs options for the JVM (before {@code -jar})
     * @param appArgs the application's arguments
     * @param environment variables added to this process's
     */
    static PackagedService start(
            String logName, List<String> jvmArgs, List<String> appArgs, Map<String, String> environment)
            throws Exception {
        int port = freePort();
        Path log = Path.of("target", logName);
        ProcessBuilder builder = new ProcessBuilder(command(jvmArgs, port, appArgs))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        PackagedService service = new PackagedService(builder.start(), log, port);
        service.awaitReady();
        return service;
    }

    /** The response to a GET. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** What the service has logged so far. */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service exited:%n%s", log()).isTrue();
            try {
                if (get("/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service did not become ready:\n" + log());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path jar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "sample-app-*.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        }
        throw new AssertionError("no target/sample-app-*.jar: run this test with 'mvn verify' (after 'package')");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
