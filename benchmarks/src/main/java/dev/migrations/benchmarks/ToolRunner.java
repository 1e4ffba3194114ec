package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.check;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * How {@link ToolBenchmark} runs a tool on one database of the server: in this JVM, in a fresh probe
 * JVM ({@link ToolProbe}), as the CLI jar, or as the CLI's floor (a JVM on the CLI jar opening one
 * connection); and the databases the runs use, each created for them and dropped after.
 */
final class ToolRunner {
    private static final long PROCESS_TIMEOUT_SECONDS = 600;

    private final PostgresServer server;
    private final Path cliJar;
    private final String classpath;

    ToolRunner(PostgresServer server, Path cliJar, String classpath) {
        this.server = server;
        this.cliJar = cliJar;
        this.classpath = classpath;
    }

    PostgresServer server() {
        return server;
    }

    /** Runs the tool in this JVM on the database, untimed. */
    void run(Tool tool, Workload workload, String db) throws Exception {
        tool.run(workload, server.urlFor(db), server.user(), server.password());
    }

    /** Every tool leaves the workload's tables, each with its row. */
    void checkApplied(String db, int revisions) throws Exception {
        try (var connection = server.connect(db);
                var st = connection.createStatement();
                var rs = st.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'bench\\_r%'")) {
            check(rs.next() && rs.getInt(1) == revisions, "expected " + revisions + " tables in " + db);
        }
    }

    double timeTool(String tool, Workload workload, String db) throws Exception {
        if (tool.equals("ENGINE_CLI")) {
            return runCli(workload, db);
        }
        // No tool pays for collecting the garbage of the one before it (Liquibase's, mostly).
        System.gc();
        long t0 = System.nanoTime();
        run(Tool.valueOf(tool), workload, db);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** A probe JVM's result: wall clock of the process, and what it reported. */
    record Probe(double wallMs, double runMs, long peakLive, long peakUsed) {}

    Probe runProbe(String tool, Workload workload, String db, List<String> jvmOptions) throws Exception {
        return runProbe(
                ToolProbe.class, jvmOptions, List.of(tool, workload.root().toString()), db, List.of());
    }

    /**
     * Runs a probe's main on the benchmark class path in a fresh JVM: its arguments are {@code
     * leading}, the database's URL, the user (or {@code -}), then {@code trailing}; it prints {@link
     * ToolProbe}'s result line.
     */
    Probe runProbe(Class<?> main, List<String> jvmOptions, List<String> leading, String db, List<String> trailing)
            throws Exception {
        List<String> command = probeCommand(main, jvmOptions, leading, db, trailing);
        long t0 = System.nanoTime();
        String output = runProcess(command);
        double wall = (System.nanoTime() - t0) / 1e6;
        int at = output.indexOf(ToolProbe.PREFIX);
        check(at >= 0, main.getSimpleName() + " " + leading + " printed no result:\n" + output);
        String line = output.substring(at).lines().findFirst().orElseThrow();
        return new Probe(
                wall,
                Double.parseDouble(field(line, "ms=")),
                Long.parseLong(field(line, "peakLive=")),
                Long.parseLong(field(line, "peakUsed=")));
    }

    /** The command line of {@link #runProbe(Class, List, List, String, List)}. */
    List<String> probeCommand(
            Class<?> main, List<String> jvmOptions, List<String> leading, String db, List<String> trailing) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-Dlogback.configurationFile=logback-benchmarks.xml");
        command.add("-cp");
        command.add(classpath);
        command.add(main.getName());
        command.addAll(leading);
        command.add(server.urlFor(db));
        command.add(server.user() == null ? "-" : server.user());
        command.addAll(trailing);
        return command;
    }

    /** A whole process's wall clock and CPU time (user plus system, all its threads), in ms. */
    record Measured(double wallMs, double cpuMs) {}

    /**
     * Runs a command under {@code /usr/bin/time}, which reports the CPU of the child it waited for
     * (the kernel's rusage; this JVM's process API reaps a child before its CPU can be read), and
     * checks that it exits 0.
     */
    Measured measure(List<String> command) throws IOException, InterruptedException {
        File times = File.createTempFile("bench-time", ".txt");
        try {
            List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.getPath()));
            timed.addAll(command);
            long t0 = System.nanoTime();
            runProcess(timed);
            double wall = (System.nanoTime() - t0) / 1e6;
            String[] cpu = Files.readString(times.toPath())
                    .lines()
                    .reduce((first, last) -> last)
                    .orElseThrow()
                    .split(" ");
            return new Measured(wall, (Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1])) * 1000);
        } finally {
            Files.deleteIfExists(times.toPath());
        }
    }

    private static String field(String line, String key) {
        int at = line.indexOf(key) + key.length();
        int end = line.indexOf(' ', at);
        return line.substring(at, end < 0 ? line.length() : end);
    }

    /** A JVM on the CLI jar's classpath opening one connection ({@link ConnectProbe}), wall clock in ms. */
    double runCliFloor(String db) throws Exception {
        String classes = Path.of(ConnectProbe.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                cliJar + java.io.File.pathSeparator + classes,
                ConnectProbe.class.getName(),
                server.urlFor(db),
                server.user() == null ? "-" : server.user()));
        long t0 = System.nanoTime();
        runProcess(command);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** {@code java -jar migrations-cli-*-all.jar upgrade head}, wall clock in ms. */
    double runCli(Workload workload, String db) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-jar",
                cliJar.toString(),
                "--url=" + server.urlFor(db),
                "--location=filesystem:" + workload.engineDir()));
        if (server.user() != null) {
            command.add("--user=" + server.user());
        }
        command.addAll(List.of("upgrade", "head"));
        long t0 = System.nanoTime();
        runProcess(command);
        return (System.nanoTime() - t0) / 1e6;
    }

    String runProcess(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (server.password() != null) {
            builder.environment().put("MIGRATIONS_BENCH_PASSWORD", server.password());
            builder.environment().put("MIGRATIONS_PASSWORD", server.password());
        }
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        check(process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS), "timed out: " + command);
        check(process.exitValue() == 0, "exit " + process.exitValue() + " from " + command + ":\n" + output);
        return output;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String createDatabase() throws Exception {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        String name = "bench_" + HexFormat.of().formatHex(bytes);
        server.adminExecute("CREATE DATABASE " + name);
        return name;
    }

    void forgetVerification(String db) throws SQLException {
        try (Connection connection = server.connect(db);
                Statement st = connection.createStatement()) {
            st.execute("DELETE FROM alembic_version_verified");
        }
    }

    void dropDatabase(String name) throws Exception {
        server.adminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
