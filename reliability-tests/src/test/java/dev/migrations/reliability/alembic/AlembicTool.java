package dev.migrations.reliability.alembic;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real Alembic, run as {@code python3 -m alembic} by a Python that imports both {@code alembic} and
 * {@code psycopg2} (Debian: {@code apt-get install python3-alembic python3-psycopg2}, which
 * {@code .ci/run} does). Debian's package puts the modules under {@code /usr/bin/python3} and ships
 * no {@code alembic} command (that is the separate {@code alembic} package), and the first {@code
 * python3} on the PATH may be another installation (pyenv) without them, so each candidate is asked.
 *
 * @param python the interpreter
 * @param version what {@code alembic --version} printed, e.g. {@code alembic 1.8.1}
 */
record AlembicTool(String python, String version) {
    /** The result of one run. */
    record Result(int exit, String stdout, String stderr) {
        /** Both outputs, for failure messages. */
        String all() {
            return "--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /**
     * The installed Alembic. Without one the test is skipped, except under CI ({@code
     * MIGRATIONS_CI=true}, exported by {@code .ci/run} after installing it), where it fails: the
     * interop promise must be checked there.
     */
    static AlembicTool require() {
        Optional<AlembicTool> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        String message = "No python3 that imports alembic and psycopg2 (tried " + String.join(", ", candidates())
                + "); install them (Debian: apt-get install python3-alembic python3-psycopg2), as .ci/run does";
        if ("true".equalsIgnoreCase(System.getenv("MIGRATIONS_CI"))) {
            fail(message + "; under CI (MIGRATIONS_CI=true) the Alembic interop tests must run");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static Optional<AlembicTool> find() {
        for (String python : candidates()) {
            try {
                Result probe = run(
                        Path.of(System.getProperty("java.io.tmpdir")),
                        Map.of(),
                        List.of(python, "-c", "import alembic, psycopg2; print('alembic ' + alembic.__version__)"));
                if (probe.exit() == 0) {
                    return Optional.of(new AlembicTool(python, probe.stdout().strip()));
                }
            } catch (UncheckedIOException notThere) {
                // not installed at this path; the next candidate may be
            }
        }
        return Optional.empty();
    }

    /** Debian's interpreter first (where apt installs the modules), then each python3 on the PATH. */
    private static List<String> candidates() {
        Set<String> found = new LinkedHashSet<>();
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            found.add("/usr/bin/python3");
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "python3");
            if (Files.isExecutable(candidate)) {
                found.add(candidate.toString());
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * Runs {@code alembic -c <ini> args} in the project directory. {@code PYTHONHASHSEED=0} fixes
     * the order Alembic prints sets in, so a failure replays; the comparisons do not rely on it.
     */
    Result alembic(Path project, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(python, "-m", "alembic", "-c", "alembic.ini"));
        command.addAll(List.of(args));
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PYTHONHASHSEED", "0");
        all.put("PYTHONDONTWRITEBYTECODE", "1");
        return run(project, all, command);
    }

    /**
     * The SQLAlchemy URL (psycopg2 driver) of a PostgreSQL JDBC URL, with the user and password;
     * JDBC parameters are left out.
     */
    static String sqlAlchemyUrl(String jdbcUrl, String user, String password) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        StringBuilder url = new StringBuilder("postgresql+psycopg2://");
        if (user != null) {
            url.append(encode(user));
            if (password != null) {
                url.append(':').append(encode(password));
            }
            url.append('@');
        }
        url.append(uri.getHost());
        if (uri.getPort() > 0) {
            url.append(':').append(uri.getPort());
        }
        return url.append(uri.getPath()).toString();
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Runs a process to its end (at most two minutes), its output in files so no pipe fills up. */
    private static Result run(Path dir, Map<String, String> env, List<String> command) {
        try {
            Path out = Files.createTempFile("alembic", ".out");
            Path err = Files.createTempFile("alembic", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(command + " did not finish within 2 minutes");
                }
                return new Result(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
