package dev.migrations.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.MigrationsException;
import dev.migrations.graph.Revision;
import dev.migrations.graph.RevisionMap;
import dev.migrations.runtime.Planner;
import dev.migrations.script.ScriptParser;
import dev.migrations.script.Statement;
import dev.migrations.script.StatementSplitter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of the header parser and sections ({@link ScriptParser}), the statement
 * splitter and the target grammar ({@link RevisionMap}, {@link Planner}): arbitrary and structured
 * inputs from a seeded generator may only fail with the engine's own exceptions, and no try may
 * take longer than two seconds (a hang). A failure prints the seed and the input; rerun it with
 * {@code -Dreliability.seed=<seed>}. 3,000 tries per property in CI, 100,000 with {@code
 * -Dreliability.long=true}.
 *
 * <p>jqwik was the first choice, but it runs on the JUnit Platform 1.x, and this build runs the
 * JUnit 6 platform of Spring Boot 4.1's BOM (jqwik's own notes: no JUnit 6 support before Java 21).
 */
class FuzzTest {
    private static final int TRIES = Jvm.longRun() ? 100_000 : 3_000;
    private static final long SEED = Long.getLong("reliability.seed", System.nanoTime());
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz");
        t.setDaemon(true);
        return t;
    });

    private static final String[] SQL_TOKENS = {
        "'",
        "''",
        "\"",
        "\"\"",
        "$",
        "$$",
        "$a$",
        "$tag$",
        "$1",
        "E'",
        "e'",
        "U&'",
        "\\",
        "\\'",
        "--",
        "/*",
        "*/",
        ";",
        ";",
        "\n",
        "\r\n",
        " ",
        "\t",
        "BEGIN",
        "END",
        "begin atomic",
        "CREATE FUNCTION f() RETURNS int",
        "AS",
        "(",
        ")",
        "SELECT 1",
        "x",
        "é",
        "\u0000",
        "\uFEFF",
        "\uD83D\uDE00",
        "CASE",
        "ATOMIC",
        "CREATE PROCEDURE p()"
    };
    private static final String[] HEADER_TOKENS = {
        "-- ",
        "--",
        "Revision ID",
        "Revises",
        "Create Date",
        "Branch Labels",
        "Depends On",
        "Transactional",
        ":",
        ": ",
        "a1",
        "b2",
        "c3",
        "true",
        "false",
        "maybe",
        ",",
        " , ",
        "\n",
        "-- migrate:upgrade\n",
        "-- migrate:downgrade\n",
        "-- migrate:",
        "migrate",
        "2026-11-24 12:00:00.000000",
        "x",
        "é",
        "#",
        "/*",
        "'",
        "SELECT 1;",
        "\uFEFF",
        "\r",
        "revision id",
        "REVISES",
        "  ",
        "-- message\n--\n"
    };
    private static final String[] TARGET_TOKENS = {
        "head",
        "heads",
        "base",
        "a1",
        "b2",
        "c3",
        "d4",
        "e5",
        "m6",
        "a",
        "b",
        "@",
        "+",
        "-",
        "1",
        "2",
        "0",
        "99",
        ":",
        "lbl",
        "other",
        "lbl@head",
        "@head",
        "current",
        " ",
        "",
        "x",
        "(",
        "'",
        "head-1",
        "base+1",
        "%"
    };

    @AfterAll
    static void stop() {
        WORKER.shutdownNow();
    }

    /** Runs a property for every try; only {@link MigrationsException} may escape, within two seconds. */
    private static <T> void check(String what, Function<Random, T> generate, Consumer<T> property) throws Exception {
        Random random = new Random(SEED ^ what.hashCode());
        int rejected = 0;
        long start = System.nanoTime();
        for (int i = 0; i < TRIES; i++) {
            T input = generate.apply(random);
            Future<?> future = WORKER.submit(() -> property.accept(input));
            try {
                future.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                throw new AssertionError(what + " hangs (seed " + SEED + ") on: " + show(input), e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof MigrationsException) {
                    rejected++;
                    assertThat(e.getCause().getMessage())
                            .as("a message for " + show(input))
                            .isNotBlank();
                } else {
                    throw new AssertionError(
                            what + " failed with " + e.getCause() + " (seed " + SEED + ") on: " + show(input),
                            e.getCause());
                }
            }
        }
        Report.write(
                "fuzz-" + what,
                TRIES + " tries, " + rejected + " rejected with the engine's errors, "
                        + (System.nanoTime() - start) / 1_000_000 + " ms, seed " + SEED);
    }

    private static String show(Object input) {
        String text = input instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : input.toString();
        String shown = input instanceof Object[] array ? java.util.Arrays.deepToString(array) : text;
        return shown.length() > 2000 ? shown.substring(0, 2000) + "..." : shown;
    }

    private static String tokens(Random random, String[] alphabet, int max) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(max);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(10) == 0) {
                sb.append((char) random.nextInt(0x3000));
            } else {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
        }
        return sb.toString();
    }

    @Test
    void statementSplitterFailsOnlyWithScriptErrorsAndKeepsLinesInOrder() throws Exception {
        check("splitter", r -> tokens(r, SQL_TOKENS, 60), text -> {
            List<Statement> statements = StatementSplitter.split("fuzz.sql", text, 1);
            int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
            int last = 0;
            for (Statement statement : statements) {
                assertThat(statement.sql()).isNotBlank();
                assertThat(statement.line()).isBetween(Math.max(1, last), lines);
                last = statement.line();
            }
        });
    }

    @Test
    void scriptParserFailsOnlyWithScriptErrorsOnStructuredScripts() throws Exception {
        check("script-structured", FuzzTest::structuredScript, bytes -> ScriptParser.parse("fuzz.sql", bytes));
    }

    /** Half with a valid header and random sections, half with a random header too. */
    private static byte[] structuredScript(Random r) {
        String header = r.nextBoolean()
                ? "-- valid header\n--\n-- Revision ID: a1\n-- Revises: \n-- Transactional: " + r.nextBoolean() + "\n\n"
                : "-- " + tokens(r, HEADER_TOKENS, 8) + "\n--\n" + tokens(r, HEADER_TOKENS, 40) + "\n"
                        + tokens(r, SQL_TOKENS, 5);
        String downgrade = r.nextBoolean() ? "\n-- migrate:downgrade\n" + tokens(r, SQL_TOKENS, 20) : "";
        return (header + "\n-- migrate:upgrade\n" + tokens(r, SQL_TOKENS, 30) + downgrade)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scriptParserFailsOnlyWithScriptErrorsOnArbitraryBytes() throws Exception {
        check(
                "script-bytes",
                r -> {
                    byte[] valid = "-- m\n--\n-- Revision ID: a1\n-- Revises:\n\n-- migrate:upgrade\nSELECT 1;\n"
                            .getBytes(StandardCharsets.UTF_8);
                    byte[] bytes = r.nextBoolean() ? valid.clone() : new byte[r.nextInt(300)];
                    if (bytes.length != valid.length) {
                        r.nextBytes(bytes);
                    } else {
                        for (int i = 0; i < 1 + r.nextInt(6); i++) {
                            bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
                        }
                    }
                    return bytes;
                },
                bytes -> ScriptParser.parse("fuzz.sql", bytes));
    }

    /**
     * A fixed graph with a branch point, a merge, a dependency and a label: a1 -> b2 -> (c3, d4 [lbl]),
     * m6 merges c3 and d4; e5 is a second base that m6's sibling depends on.
     */
    private static RevisionMap graph() {
        return new RevisionMap(List.of(
                new Revision("a1", List.of(), List.of(), List.of()),
                new Revision("b2", List.of("a1"), List.of(), List.of()),
                new Revision("c3", List.of("b2"), List.of(), List.of()),
                new Revision("d4", List.of("b2"), List.of(), List.of("lbl")),
                new Revision("e5", List.of(), List.of(), List.of("other")),
                new Revision("m6", List.of("c3", "d4"), List.of("e5"), List.of())));
    }

    @Test
    void targetGrammarFailsOnlyWithGraphErrors() throws Exception {
        RevisionMap map = graph();
        Planner planner = new Planner(map, id -> "doc " + id);
        List<List<String>> rowSets =
                List.of(List.of(), List.of("a1"), List.of("c3", "d4"), List.of("m6"), List.of("b2", "e5"));
        check(
                "targets",
                r -> new Object[] {tokens(r, TARGET_TOKENS, 4), rowSets.get(r.nextInt(rowSets.size()))},
                in -> {
                    String target = (String) in[0];
                    @SuppressWarnings("unchecked")
                    List<String> rows = (List<String>) in[1];
                    switch (Math.floorMod(target.hashCode(), 4)) {
                        case 0 -> map.getRevisions(target);
                        case 1 -> planner.upgrade(target, rows);
                        case 2 -> planner.downgrade(target, rows);
                        default -> planner.stamp(List.of(target), rows);
                    }
                });
    }

    @Test
    void randomGraphsFailOnlyWithGraphErrors() throws Exception {
        String[] ids = {"a1", "b2", "c3", "d4", "e5", "f6"};
        check(
                "graphs",
                r -> {
                    List<List<List<String>>> specs = new ArrayList<>();
                    int n = 1 + r.nextInt(ids.length);
                    for (int i = 0; i < n; i++) {
                        specs.add(List.of(
                                // Mostly distinct ids, so that many graphs are valid and get planned.
                                List.of(r.nextInt(10) == 0 ? ids[r.nextInt(ids.length)] : ids[i]),
                                pick(r, ids, i, 3),
                                pick(r, ids, i, 2),
                                r.nextInt(4) == 0
                                        ? List.of(r.nextBoolean() ? "lbl" : ids[r.nextInt(ids.length)])
                                        : List.of()));
                    }
                    return new Object[] {specs, tokens(r, TARGET_TOKENS, 3)};
                },
                in -> {
                    @SuppressWarnings("unchecked")
                    List<List<List<String>>> specs = (List<List<List<String>>>) in[0];
                    List<Revision> revisions = new ArrayList<>();
                    for (List<List<String>> spec : specs) {
                        revisions.add(new Revision(spec.get(0).get(0), spec.get(1), spec.get(2), spec.get(3)));
                    }
                    RevisionMap map = new RevisionMap(revisions);
                    map.heads();
                    new Planner(map, id -> id).upgrade((String) in[1], List.of());
                });
    }

    /** Parents: mostly earlier revisions (a valid graph), sometimes anything (cycles), rarely unknown. */
    private static List<String> pick(Random r, String[] ids, int self, int max) {
        List<String> result = new ArrayList<>();
        if (self == 0 && r.nextInt(10) > 0) {
            return result;
        }
        for (int i = r.nextInt(max); i > 0; i--) {
            int parent = self > 0 && r.nextInt(20) > 0 ? r.nextInt(self) : r.nextInt(ids.length);
            result.add(r.nextInt(30) == 0 ? "zz" : ids[parent]);
        }
        return result;
    }
}
