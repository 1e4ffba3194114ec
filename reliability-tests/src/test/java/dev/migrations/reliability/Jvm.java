package dev.migrations.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts JVMs the way users do: the shaded CLI jar with {@code java -jar}, or a main class on the
 * test class path (the Spring application, the start barrier). Output goes to files, so a chatty
 * process never blocks on a full pipe.
 */
public final class Jvm {
    /** Flags that make short-lived JVMs start faster on a small machine. */
    private static final List<String> FAST = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private Jvm() {}

    /** The shaded CLI jar (system property {@code reliability.cli.jar}, set by the pom). */
    public static Path cliJar() {
        String jar = System.getProperty("reliability.cli.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new AssertionError("The shaded CLI jar is missing (" + jar + "): run the suite through Maven"
                    + " (mvn -pl reliability-tests -am verify), which packages migrations-cli first");
        }
        return Path.of(jar);
    }

    /** Whether the long variants run ({@code -Dreliability.long=true}). */
    public static boolean longRun() {
        return Boolean.getBoolean("reliability.long");
    }

    /** The java executable of this JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A started process with its output files. */
    public record Proc(Process process, Path out, Path err, String name) {
        /** Waits for the exit code; fails (killing the process) after the timeout. */
        public int await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(name + " did not finish within " + timeout + "; output:\n" + output());
            }
            return process.exitValue();
        }

        /** Standard output. */
        public String stdout() {
            return read(out);
        }

        /** Standard error. */
        public String stderr() {
            return read(err);
        }

        /** Both, for failure messages. */
        public String output() {
            return "--- stdout of " + name + "\n" + stdout() + "--- stderr\n" + stderr();
        }

        private static String read(Path path) {
            try {
                return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The result of a finished process. */
    public record Result(int exit, String stdout, String stderr) {
        /** Both outputs together. */
        public String all() {
            return stdout + stderr;
        }
    }

    /** Starts {@code java -jar <cli> args} with the given environment additions. */
    public static Proc cli(Path workDir, String name, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(FAST);
        command.addAll(List.of("-jar", cliJar().toString()));
        command.addAll(args);
        return start(workDir, name, env, command);
    }

    /** Runs the CLI to its end (at most two minutes). */
    public static Result runCli(Path workDir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        Proc proc = cli(workDir, "cli-" + System.nanoTime(), env, List.of(args));
        int exit = proc.await(Duration.ofMinutes(2));
        return new Result(exit, proc.stdout(), proc.stderr());
    }

    /**
     * Starts the reliability application (a non-web Spring Boot application with the starter) in its own
     * JVM, waiting inside its context refresh for the file {@code go}; it writes {@code ready-<name>} in
     * the work directory on arrival. The settings are its command-line properties.
     */
    public static Proc appAtBarrier(Path workDir, String name, Path go, List<String> settings) throws IOException {
        List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none"));
        args.addAll(settings);
        return main(
                workDir,
                name,
                Map.of(),
                List.of(),
                List.of(
                        "-Dreliability.go=" + go,
                        "-Dreliability.ready=" + workDir.resolve("ready-" + name),
                        "-Xmx256m"),
                "dev.migrations.reliability.app.ReliabilityApp",
                args);
    }

    /** Starts a main class on the test class path (plus extra entries first), with JVM options. */
    public static Proc main(
            Path workDir,
            String name,
            Map<String, String> env,
            List<String> classPathFirst,
            List<String> jvmOptions,
            String mainClass,
            List<String> args)
            throws IOException {
        List<String> classPath = new ArrayList<>(classPathFirst);
        classPath.add(System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(FAST);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classPath), mainClass));
        command.addAll(args);
        return start(workDir, name, env, command);
    }

    private static Proc start(Path workDir, String name, Map<String, String> env, List<String> command)
            throws IOException {
        Files.createDirectories(workDir);
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("MIGRATIONS_"));
        builder.environment().putAll(env);
        return new Proc(builder.start(), out, err, name);
    }
}
