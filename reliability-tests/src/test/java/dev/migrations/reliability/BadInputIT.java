package dev.migrations.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/*.case}): each case is malformed
 * scripts, a graph, a target or configuration, run through the CLI jar against a fresh database.
 * Each must fail with its specific, actionable message (every {@code expect:} fragment) and leave
 * the database exactly as it was. The format is described in {@code bad-input/README.md}.
 */
class BadInputIT {
    private static final Path CORPUS = Path.of("src/test/resources/bad-input");
    private static PrivatePg privateServer;

    private final Pg pg = Pg.server();

    @TempDir
    Path dir;

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".case"))
                    .sorted()
                    .toList();
            assertThat(names).as("the corpus has at least 50 cases").hasSizeGreaterThanOrEqualTo(50);
            return names.stream();
        }
    }

    @AfterAll
    static void stopPrivateServer() throws Exception {
        if (privateServer != null) {
            privateServer.close();
        }
    }

    /** One parsed case. */
    record Case(
            String name,
            List<String> args,
            List<String> expect,
            int exit,
            List<String> setup,
            List<String> cleanup,
            Map<String, String> env,
            String url,
            boolean privateServer,
            Map<String, byte[]> files) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithASpecificErrorAndChangesNothing(String name) throws Exception {
        Case c = parse(name, Files.readString(CORPUS.resolve(name), StandardCharsets.UTF_8));
        Pg server = c.privateServer() ? privateServer() : pg;
        String db = server.createDatabase("rel_bad");
        try {
            Path scripts = dir.resolve("db/migrations");
            Files.createDirectories(scripts);
            for (Map.Entry<String, byte[]> file : c.files().entrySet()) {
                Path target = dir.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            for (String sql : c.setup()) {
                String s = expand(sql, server, db);
                if (s.startsWith("ADMIN ")) {
                    server.execute(s.substring(6));
                } else {
                    server.run(db, s);
                }
            }
            String before = server.fingerprint(db);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("MIGRATIONS_URL", c.url() == null ? server.url(db) : expand(c.url(), server, db));
            env.put("MIGRATIONS_USER", server.user());
            if (server.password() != null) {
                env.put("MIGRATIONS_PASSWORD", server.password());
            }
            c.env().forEach((k, v) -> env.put(k, expand(v, server, db)));
            List<String> args = new ArrayList<>(List.of("--location", scripts.toString()));
            for (String arg : c.args()) {
                args.add(expand(arg, server, db));
            }
            List<String> expected =
                    c.expect().stream().map(f -> expand(f, server, db)).toList();
            Map<Path, String> filesBefore = files(dir);
            Jvm.Result result = Jvm.runCli(dir, env, args.toArray(String[]::new));
            String all = result.all();
            Path output = Path.of("target", "bad-input", name + ".out");
            Files.createDirectories(output.getParent());
            Files.writeString(output, "exit " + result.exit() + "\n" + all, StandardCharsets.UTF_8);
            assertExpectsMoreThanItsInput(c, expected, args, env, server, db);
            assertThat(result.exit()).as(all).isEqualTo(c.exit());
            for (String fragment : expected) {
                assertThat(all).as("message of " + name).contains(fragment);
            }
            assertThat(files(dir)).as("no file written or changed by " + name).isEqualTo(filesBefore);
            assertThat(all)
                    .as("no stack trace, no bug report")
                    .doesNotContain("\tat ")
                    .doesNotContain("This is a bug");
            assertThat(server.fingerprint(db))
                    .as("the database of " + name + " is unchanged")
                    .isEqualTo(before);
        } finally {
            server.dropDatabase(db);
            for (String sql : c.cleanup()) {
                server.execute(expand(sql, server, db));
            }
        }
    }

    /**
     * A fragment that the case's own input already holds (a revision id of a cycle, the word the user
     * typed) proves nothing about the message: the CLI could echo its input and pass. Every fragment
     * must be text only the product's message can contribute.
     */
    private void assertExpectsMoreThanItsInput(
            Case c, List<String> expected, List<String> args, Map<String, String> env, Pg server, String db) {
        assertThat(expected).as(c.name() + " expects a message").isNotEmpty();
        List<String> inputs = new ArrayList<>(args);
        inputs.addAll(env.values());
        c.setup().forEach(sql -> inputs.add(expand(sql, server, db)));
        c.files().forEach((path, bytes) -> {
            inputs.add(path);
            inputs.add(new String(bytes, StandardCharsets.UTF_8));
        });
        for (String fragment : expected) {
            for (String input : inputs) {
                assertThat(input)
                        .as(
                                "%s: expect '%s' is already in the case's own input, so it cannot tell a"
                                        + " specific message from an echo",
                                c.name(), fragment)
                        .doesNotContain(fragment);
            }
        }
    }

    /** The files under the test's directory (but the CLI's captured stdout and stderr) and their text. */
    private static Map<Path, String> files(Path root) throws IOException {
        Map<Path, String> result = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String n = p.getFileName().toString();
                if (!n.endsWith(".out") && !n.endsWith(".err")) {
                    byte[] bytes = Files.readAllBytes(p);
                    result.put(root.relativize(p), bytes.length + " bytes, " + Arrays.hashCode(bytes));
                }
            }
        }
        return result;
    }

    private static Pg privateServer() throws IOException, InterruptedException {
        synchronized (BadInputIT.class) {
            if (privateServer == null) {
                privateServer = PrivatePg.start();
            }
        }
        return privateServer.admin();
    }

    /**
     * A case's text with {@code ${server}} (the server's URL without a database: {@code
     * jdbc:postgresql://host:port}), {@code ${db}}, {@code ${dir}} and {@code ${work}} filled in.
     */
    private String expand(String text, Pg server, String db) {
        String url = server.url(db);
        return text.replace("${server}", url.substring(0, url.indexOf('/', "jdbc:postgresql://".length())))
                .replace("${db}", db)
                .replace("${dir}", dir.resolve("db/migrations").toString())
                .replace("${work}", dir.toString());
    }

    /**
     * Parses a case: {@code key: value} lines ({@code args}, {@code expect} (repeatable), {@code exit},
     * {@code setup}/{@code cleanup} (SQL, repeatable; {@code ADMIN } runs it on the admin database),
     * {@code env} ({@code NAME=value}), {@code url}, {@code server: private}), then file sections:
     * {@code --- file <path>} followed by its text, or {@code --- generate <path> <kind>}.
     */
    static Case parse(String name, String text) {
        List<String> args = new ArrayList<>();
        List<String> expect = new ArrayList<>();
        List<String> setup = new ArrayList<>();
        List<String> cleanup = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        int exit = 255;
        String url = null;
        boolean privateServer = false;
        String[] lines = text.split("\n", -1);
        int i = 0;
        for (; i < lines.length && !lines[i].startsWith("--- "); i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "args" -> args.addAll(List.of(value.split("\\s+")));
                case "arg" -> args.add(value);
                case "expect" -> expect.add(value);
                case "exit" -> exit = Integer.parseInt(value);
                case "setup" -> setup.add(value);
                case "cleanup" -> cleanup.add(value);
                case "env" -> env.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                case "url" -> url = value;
                case "server" -> privateServer = value.equals("private");
                default -> throw new IllegalArgumentException(name + ": unknown key " + key);
            }
        }
        String current = null;
        StringBuilder body = new StringBuilder();
        for (; i <= lines.length; i++) {
            boolean end = i == lines.length;
            if (end || lines[i].startsWith("--- ")) {
                if (current != null) {
                    files.put(current, body.toString().getBytes(StandardCharsets.UTF_8));
                }
                current = null;
                body.setLength(0);
                if (end) {
                    break;
                }
                String[] parts = lines[i].split("\\s+");
                if (parts[1].equals("file")) {
                    current = parts[2];
                } else {
                    files.put(parts[2], generate(parts[3]));
                }
                continue;
            }
            body.append(lines[i]).append('\n');
        }
        return new Case(name, args, expect, exit, setup, cleanup, env, url, privateServer, files);
    }

    private static final String HEADER = "-- generated\n--\n-- Revision ID: gen1\n-- Revises:\n\n-- migrate:upgrade\n";

    /** Content that cannot be written as text in a case file. */
    static byte[] generate(String kind) {
        Random random = new Random(42);
        try {
            return switch (kind) {
                case "invalid-utf8" ->
                    concat(HEADER.getBytes(StandardCharsets.UTF_8), new byte[] {
                        'S', 'E', 'L', 'E', 'C', 'T', ' ', '\'', (byte) 0xC3, (byte) 0x28, '\'', ';', '\n'
                    });
                case "utf16" ->
                    concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, HEADER.getBytes(StandardCharsets.UTF_16LE));
                case "binary" -> {
                    byte[] junk = new byte[4096];
                    random.nextBytes(junk);
                    yield junk;
                }
                case "bom-bad-header" ->
                    concat(
                            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                            "-- bom\n--\n-- Revision ID: bom1\n-- Revises: nothere\n\n-- migrate:upgrade\nSELECT 1;\n"
                                    .getBytes(StandardCharsets.UTF_8));
                case "huge-unterminated" -> {
                    StringBuilder sb = new StringBuilder(HEADER);
                    for (int n = 0; n < 400_000; n++) {
                        sb.append("INSERT INTO t VALUES (").append(n).append(", 'row');\n");
                    }
                    sb.append("INSERT INTO t VALUES (0, 'never closed);\n");
                    yield sb.toString().getBytes(StandardCharsets.UTF_8);
                }
                case "nul-bytes" ->
                    concat(
                            HEADER.getBytes(StandardCharsets.UTF_8),
                            new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', 0, 0, ';', '\n'});
                default -> throw new IllegalArgumentException("unknown generated content " + kind);
            };
        } catch (RuntimeException e) {
            throw e;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
