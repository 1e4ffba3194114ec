package dev.migrations.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The training run the build records the CLI's class-data-sharing archive from ({@code java
 * -XX:ArchiveClassesAtExit=migrations-cli.jsa -cp migrations-cli-*-all.jar
 * dev.migrations.cli.CdsTraining}, at {@code package}; see docs/command-line.md). A JVM started
 * with that archive maps the classes this run loaded, already parsed and verified, instead of
 * reading them from the jar, which is most of what a short {@code bin/migrations} process does
 * before its first query.
 *
 * <p>It needs no server, so a fresh clone builds it anywhere: it runs the commands of a deploy
 * (an apply, then the no-op at head) on an in-memory H2 database, renders offline SQL for
 * PostgreSQL (the PostgreSQL dialect's classes), and opens the PostgreSQL driver's connection path
 * against a port nothing listens on (the driver's set-up classes up to the socket). Every command's
 * output is discarded; the run fails only if the apply does.
 */
public final class CdsTraining {
    private static final int REVISIONS = 30;

    /** Whose classes the archive holds whether or not the commands above loaded them. */
    private static final List<String> ARCHIVED_PACKAGES =
            List.of("dev/migrations/", "org/postgresql/", "org/slf4j/", "picocli/");

    private CdsTraining() {}

    /** The exit code of a failed training run; the build fails on it (exit code 1 is the JVM's own, below). */
    static final int EXIT_TRAINING_FAILED = 2;

    /**
     * Runs the training; exits {@value #EXIT_TRAINING_FAILED} when it fails. The build accepts exit code
     * 1, which a JVM that cannot record an archive (no base archive of its own JDK) exits with before
     * this runs: the jar is then built without one.
     */
    public static void main(String[] args) {
        try {
            train();
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: a class file of the jar the JVM refuses (a frame ClassFileUpgrade got wrong).
            e.printStackTrace();
            System.exit(EXIT_TRAINING_FAILED);
        }
    }

    private static void train() throws IOException {
        Path dir = Files.createTempDirectory("migrations-cds-training");
        try {
            writeScripts(dir);
            String location = "--location=filesystem:" + dir;
            String h2 = "--url=jdbc:h2:mem:training;DB_CLOSE_DELAY=-1";
            require(run(h2, location, "upgrade", "head"), "the apply");
            require(run(h2, location, "upgrade", "head"), "the no-op at head");
            run(h2, location, "current");
            run(location, "--dialect=postgresql", "upgrade", "head", "--sql");
            // Refused at once (port 1): the driver's classes up to the socket, then a FAILED line.
            run("--url=jdbc:postgresql://127.0.0.1:1/training?connectTimeout=1", location, "upgrade", "head");
            loadClasses(ARCHIVED_PACKAGES);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /**
     * Loads, without initializing, every class under the given package paths of the jars on the class
     * path (the shaded jar, as bin/migrations and the container image run it; each library's own jar
     * when the CLI runs from its dependencies): what a run against a real PostgreSQL server loads beyond this one (the
     * driver's protocol, statement and result-set classes, the engine's PostgreSQL paths) is then in
     * the archive too. Classes that cannot be linked here (the driver's optional integrations) are
     * left to the jar.
     */
    private static void loadClasses(List<String> packagePaths) throws IOException {
        ClassLoader loader = CdsTraining.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile file = new JarFile(entry)) {
                for (JarEntry jarEntry : Collections.list(file.entries())) {
                    String name = jarEntry.getName();
                    if (name.endsWith(".class")
                            && !name.startsWith("META-INF/")
                            && packagePaths.stream().anyMatch(name::startsWith)) {
                        try {
                            Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                        } catch (ClassNotFoundException | LinkageError e) {
                            // not linkable without its optional dependency: not needed by a run either
                        }
                    }
                }
            }
        }
    }

    private static int run(String... args) {
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return MigrationsCommand.run(discard, discard, Map.of(), args);
    }

    private static void require(int exitCode, String what) {
        if (exitCode != 0) {
            throw new IllegalStateException("the training run's " + what + " exited " + exitCode);
        }
    }

    /** A linear history like the ones deploys apply: each revision a table, an index and a row. */
    private static void writeScripts(Path dir) throws IOException {
        for (int i = 1; i <= REVISIONS; i++) {
            String id = String.format(Locale.ROOT, "t%04d", i);
            String table = "training_" + id;
            StringBuilder text = new StringBuilder("-- Training revision ")
                    .append(i)
                    .append("\n--\n-- Revision ID: ")
                    .append(id)
                    .append('\n');
            if (i > 1) {
                text.append(String.format(Locale.ROOT, "-- Revises: t%04d\n", i - 1));
            }
            for (String line : List.of(
                    "",
                    "-- migrate:upgrade",
                    "CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL);",
                    "CREATE INDEX ix_" + table + " ON " + table + " (name);",
                    "INSERT INTO " + table + " (id, name) VALUES (1, '" + id + "');",
                    "",
                    "-- migrate:downgrade",
                    "DROP TABLE " + table + ";")) {
                text.append(line).append('\n');
            }
            Files.writeString(dir.resolve(id + "_training.sql"), text.toString(), StandardCharsets.UTF_8);
        }
    }
}
