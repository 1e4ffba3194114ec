package dev.migrations.reliability;

import dev.migrations.MigrationsException;
import dev.migrations.internal.graph.Revision;
import dev.migrations.internal.graph.RevisionMap;
import dev.migrations.internal.runtime.Planner;
import dev.migrations.internal.script.RevisionScript;
import dev.migrations.internal.script.ScriptParser;
import dev.migrations.internal.script.Statement;
import dev.migrations.internal.script.StatementSplitter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based fuzzing with jqwik of the header parser and sections ({@link ScriptParser}), the
 * statement splitter and the target grammar ({@link RevisionMap}, {@link Planner}): arbitrary and
 * structured inputs may only fail with the engine's own exceptions ({@link MigrationsException}
 * and its graph and script subclasses), and no try may take longer than two seconds (a hang).
 * Generated valid input is also checked against what the generator meant: a script parses to
 * exactly the header fields and statements (text and line) it was written from, and a valid graph
 * has the heads and upgrade plans its specs imply. Surviving is not enough: a parser that dropped a
 * statement or a parent would survive every try.
 * jqwik shrinks a failing input and prints the seed to replay it. Tries per property: {@code
 * jqwik.tries.default} (3,000 in CI; 100,000 with {@code -Dreliability.long=true}, see the pom).
 */
class FuzzTest {
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz");
        t.setDaemon(true);
        return t;
    });
    /** Per property: tries, and tries rejected with the engine's own error. */
    private static final ConcurrentHashMap<String, AtomicIntegerArray> COUNTS = new ConcurrentHashMap<>();

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
    private static final String[] IDS = {"a1", "b2", "c3", "d4", "e5", "f6"};
    private static final List<List<String>> ROW_SETS =
            List.of(List.of(), List.of("a1"), List.of("c3", "d4"), List.of("m6"), List.of("b2", "e5"));

    /** Runs one try: only the engine's own exceptions may escape, within two seconds. */
    private static void engineErrorsOnly(String property, Object input, Runnable work) throws Exception {
        AtomicIntegerArray counts = COUNTS.computeIfAbsent(property, k -> new AtomicIntegerArray(2));
        counts.incrementAndGet(0);
        Future<?> future = WORKER.submit(work);
        try {
            future.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(property + " hangs on: " + input, e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof MigrationsException engineError)) {
                throw new AssertionError(property + " failed with " + e.getCause() + " on: " + input, e.getCause());
            }
            if (engineError.getMessage() == null || engineError.getMessage().isBlank()) {
                throw new AssertionError(property + " failed without a message on: " + input, engineError);
            }
            counts.incrementAndGet(1);
        }
    }

    @AfterContainer
    static void report() {
        COUNTS.forEach((property, counts) -> Report.write(
                "fuzz-" + property, counts.get(0) + " tries, " + counts.get(1) + " rejected with the engine's errors"));
    }

    private static Arbitrary<String> tokens(String[] alphabet, int max) {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(9, Arbitraries.of(alphabet)),
                Tuple.of(1, Arbitraries.chars().map(String::valueOf)));
        return token.list().ofMaxSize(max).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> sql() {
        return tokens(SQL_TOKENS, 60);
    }

    @Property
    void statementSplitterFailsOnlyWithScriptErrorsAndKeepsLinesInOrder(@ForAll("sql") String text) throws Exception {
        engineErrorsOnly("splitter", text, () -> {
            List<Statement> statements = StatementSplitter.split("fuzz.sql", text, 1);
            int lines = (int) text.chars().filter(c -> c == '\n').count() + 1;
            int last = 1;
            for (Statement statement : statements) {
                if (statement.sql().isBlank() || statement.line() < last || statement.line() > lines) {
                    throw new AssertionError("bad statement " + statement + " of " + text);
                }
                last = statement.line();
            }
        });
    }

    /** Half with a valid header and random sections, half with a random header too. */
    @Provide
    Arbitrary<String> scripts() {
        Arbitrary<String> validHeader = Arbitraries.of(true, false)
                .map(tx -> "-- valid header\n--\n-- Revision ID: a1\n-- Revises: \n-- Transactional: " + tx + "\n\n");
        Arbitrary<String> randomHeader = Combinators.combine(
                        tokens(HEADER_TOKENS, 8), tokens(HEADER_TOKENS, 40), tokens(SQL_TOKENS, 5))
                .as((message, fields, sql) -> "-- " + message + "\n--\n" + fields + "\n" + sql);
        Arbitrary<String> downgrade = Arbitraries.oneOf(
                Arbitraries.just(""), tokens(SQL_TOKENS, 20).map(s -> "\n-- migrate:downgrade\n" + s));
        return Combinators.combine(Arbitraries.oneOf(validHeader, randomHeader), tokens(SQL_TOKENS, 30), downgrade)
                .as((header, upgrade, down) -> header + "\n-- migrate:upgrade\n" + upgrade + down);
    }

    @Property
    void scriptParserFailsOnlyWithScriptErrorsOnStructuredScripts(@ForAll("scripts") String script) throws Exception {
        engineErrorsOnly(
                "script-structured",
                script,
                () -> ScriptParser.parse("fuzz.sql", script.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        byte[] valid = "-- m\n--\n-- Revision ID: a1\n-- Revises:\n\n-- migrate:upgrade\nSELECT 1;\n"
                .getBytes(StandardCharsets.UTF_8);
        Arbitrary<byte[]> mutated = Combinators.combine(
                        Arbitraries.integers()
                                .between(0, valid.length - 1)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(6),
                        Arbitraries.bytes().list().ofSize(6))
                .as((positions, values) -> {
                    byte[] copy = valid.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return copy;
                });
        return Arbitraries.oneOf(
                mutated, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }

    @Property
    void scriptParserFailsOnlyWithScriptErrorsOnArbitraryBytes(@ForAll("bytes") byte[] content) throws Exception {
        engineErrorsOnly(
                "script-bytes",
                new String(content, StandardCharsets.ISO_8859_1),
                () -> ScriptParser.parse("fuzz.sql", content));
    }

    /**
     * A fixed graph with a branch point, a merge, a dependency and labels: a1 -> b2 -> (c3, d4 [lbl]),
     * m6 merges c3 and d4 and depends on e5, a second base [other].
     */
    private static final RevisionMap GRAPH = new RevisionMap(List.of(
            new Revision("a1", List.of(), List.of(), List.of()),
            new Revision("b2", List.of("a1"), List.of(), List.of()),
            new Revision("c3", List.of("b2"), List.of(), List.of()),
            new Revision("d4", List.of("b2"), List.of(), List.of("lbl")),
            new Revision("e5", List.of(), List.of(), List.of("other")),
            new Revision("m6", List.of("c3", "d4"), List.of("e5"), List.of())));

    @Provide
    Arbitrary<String> targets() {
        return tokens(TARGET_TOKENS, 4);
    }

    @Property
    void targetGrammarFailsOnlyWithGraphErrors(
            @ForAll("targets") String target, @ForAll("rowSet") List<String> rows, @ForAll("operation") int operation)
            throws Exception {
        Planner planner = new Planner(GRAPH, id -> "doc " + id);
        engineErrorsOnly("targets", target + " from " + rows + " op " + operation, () -> {
            switch (operation) {
                case 0 -> GRAPH.getRevisions(target);
                case 1 -> planner.upgrade(target, rows);
                case 2 -> planner.downgrade(target, rows);
                default -> planner.stamp(List.of(target), rows);
            }
        });
    }

    @Provide
    Arbitrary<List<String>> rowSet() {
        return Arbitraries.of(ROW_SETS);
    }

    @Provide
    Arbitrary<Integer> operation() {
        return Arbitraries.integers().between(0, 3);
    }

    /** One revision of a random graph: id, down revisions, dependencies, labels. */
    record Spec(String id, List<String> down, List<String> deps, List<String> labels) {}

    /**
     * Graphs of up to six revisions: mostly distinct ids and parents among earlier revisions (valid
     * graphs that get planned), sometimes anything (cycles, duplicates), rarely unknown ids.
     */
    @Provide
    Arbitrary<List<Spec>> graphs() {
        return Arbitraries.integers().between(1, IDS.length).flatMap(n -> {
            List<Arbitrary<Spec>> specs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                specs.add(spec(i));
            }
            return Combinators.combine(specs).as(List::copyOf);
        });
    }

    private static Arbitrary<Spec> spec(int index) {
        Arbitrary<String> id =
                Arbitraries.frequencyOf(Tuple.of(19, Arbitraries.just(IDS[index])), Tuple.of(1, Arbitraries.of(IDS)));
        Arbitrary<String> parent = Arbitraries.frequencyOf(
                Tuple.of(index == 0 ? 0 : 18, Arbitraries.of(List.of(IDS).subList(0, Math.max(1, index)))),
                Tuple.of(1, Arbitraries.of(IDS)),
                Tuple.of(1, Arbitraries.just("zz")));
        Arbitrary<List<String>> labels = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(List.<String>of())),
                Tuple.of(3, Arbitraries.just(List.of("lbl" + index))),
                Tuple.of(1, Arbitraries.of("lbl", "a1", "b2").map(List::of)));
        return Combinators.combine(
                        id,
                        parent.list().ofMaxSize(index == 0 ? 0 : 3),
                        parent.list().ofMaxSize(index == 0 ? 0 : 2),
                        labels)
                .as(Spec::new);
    }

    @Property
    void randomGraphsFailOnlyWithGraphErrors(@ForAll("graphs") List<Spec> specs, @ForAll("targets") String target)
            throws Exception {
        engineErrorsOnly("graphs", specs + " target " + target, () -> {
            List<Revision> revisions = new ArrayList<>();
            for (Spec spec : specs) {
                revisions.add(new Revision(spec.id(), spec.down(), spec.deps(), spec.labels()));
            }
            RevisionMap map = new RevisionMap(revisions);
            map.heads();
            new Planner(map, id -> id).upgrade(target, List.of());
        });
    }

    // Valid inputs with a known meaning: the parsers must not only survive them but read them as the
    // generator wrote them.

    /** What a generated valid script says: its header fields and its statements. */
    record ScriptSpec(
            String message,
            String id,
            List<String> down,
            List<String> deps,
            List<String> labels,
            String createDate,
            Boolean transactional,
            List<String> upgrade,
            List<String> downgrade,
            boolean keysInLowerCase,
            boolean blankLinesBetweenStatements) {

        /** The script's text, and the line each statement starts on, as a user would write them. */
        String render(List<Integer> upgradeLines, List<Integer> downgradeLines) {
            List<String> lines = new ArrayList<>();
            lines.add("-- " + message);
            lines.add("--");
            lines.add("-- " + key("Revision ID") + ": " + id);
            lines.add("-- " + key("Revises") + ": " + String.join(", ", down));
            if (createDate != null) {
                lines.add("-- " + key("Create Date") + ": " + createDate);
            }
            if (!labels.isEmpty()) {
                lines.add("-- " + key("Branch Labels") + ": " + String.join(",", labels));
            }
            if (!deps.isEmpty()) {
                lines.add("-- " + key("Depends On") + ": " + String.join(" , ", deps));
            }
            if (transactional != null) {
                lines.add("-- " + key("Transactional") + ": " + transactional);
            }
            lines.add("");
            lines.add("-- migrate:upgrade");
            section(lines, upgrade, upgradeLines);
            if (downgrade != null) {
                lines.add("");
                lines.add("-- migrate:downgrade");
                section(lines, downgrade, downgradeLines);
            }
            return String.join("\n", lines) + "\n";
        }

        private String key(String label) {
            return keysInLowerCase ? label.toLowerCase(Locale.ROOT) : label;
        }

        private void section(List<String> lines, List<String> statements, List<Integer> starts) {
            for (String statement : statements) {
                if (blankLinesBetweenStatements) {
                    lines.add("-- a comment; with a semicolon");
                    lines.add("");
                }
                starts.add(lines.size() + 1);
                lines.add(statement + ";");
            }
        }
    }

    private static final String[] STATEMENTS = {
        "SELECT 1",
        "CREATE TABLE t_x (id int PRIMARY KEY, note text DEFAULT 'a;b')",
        "INSERT INTO t_x VALUES (1, 'it''s; done')",
        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql",
        "DO $$ BEGIN PERFORM 1; END $$",
        "SELECT E'a\\';b' /* ; */ AS x",
        "CREATE INDEX CONCURRENTLY ix_t_x ON t_x (note)",
        "UPDATE \"odd;name\" SET v = 2"
    };

    private static Arbitrary<String> identifier() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .withCharRange('0', '9')
                .withChars('_')
                .ofMinLength(1)
                .ofMaxLength(32);
    }

    @Provide
    Arbitrary<ScriptSpec> validScripts() {
        Arbitrary<String> message = Arbitraries.of("add orders", "drop the old index", "merge heads", "é unicode note")
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(words -> String.join(" ", words));
        Arbitrary<List<String>> statements = Arbitraries.of(STATEMENTS).list().ofMaxSize(5);
        Arbitrary<String> createDate = Arbitraries.of("2026-11-24 12:00:00.000000", "2001-01-01 00:00:00.123456")
                .injectNull(0.3);
        Arbitrary<Boolean> transactional = Arbitraries.of(true, false).injectNull(0.4);
        return Combinators.combine(
                        message,
                        identifier(),
                        identifier().list().uniqueElements().ofMaxSize(3),
                        identifier().list().uniqueElements().ofMaxSize(2),
                        identifier().list().uniqueElements().ofMaxSize(2),
                        createDate,
                        transactional,
                        statements)
                .flatAs((m, id, down, deps, labels, date, tx, up) -> Combinators.combine(
                                statements.injectNull(0.3), Arbitraries.of(true, false), Arbitraries.of(true, false))
                        .as((downgrade, lower, blank) ->
                                new ScriptSpec(m, id, down, deps, labels, date, tx, up, downgrade, lower, blank)));
    }

    @Property
    void scriptParserReadsGeneratedValidScriptsAsWritten(@ForAll("validScripts") ScriptSpec spec) throws Exception {
        List<Integer> upgradeLines = new ArrayList<>();
        List<Integer> downgradeLines = new ArrayList<>();
        String text = spec.render(upgradeLines, downgradeLines);
        engineErrorsOnly("script-valid", text, () -> {
            RevisionScript parsed = ScriptParser.parse("valid.sql", text.getBytes(StandardCharsets.UTF_8));
            List<Statement> upgrade = new ArrayList<>();
            for (int i = 0; i < spec.upgrade().size(); i++) {
                upgrade.add(new Statement(spec.upgrade().get(i), upgradeLines.get(i)));
            }
            List<Statement> downgrade = new ArrayList<>();
            List<String> downSql = spec.downgrade() == null ? List.of() : spec.downgrade();
            for (int i = 0; i < downSql.size(); i++) {
                downgrade.add(new Statement(downSql.get(i), downgradeLines.get(i)));
            }
            RevisionScript expected = new RevisionScript(
                    spec.id(),
                    spec.down(),
                    spec.deps(),
                    spec.labels(),
                    spec.message(),
                    spec.createDate(),
                    spec.transactional() == null || spec.transactional(),
                    upgrade,
                    downgrade,
                    spec.downgrade() != null,
                    "valid.sql",
                    parsed.checksum(),
                    null);
            if (!parsed.equals(expected)) {
                throw new AssertionError("parsed\n" + parsed + "\nexpected\n" + expected + "\nof\n" + text);
            }
        });
        // A valid script is never rejected: the count of rejections stays where the invalid inputs put it.
        if (COUNTS.get("script-valid").get(1) != 0) {
            throw new AssertionError("a valid script was rejected: " + text);
        }
    }

    /**
     * Valid graphs: distinct ids, each revising and depending only on earlier revisions (so no
     * cycle), unique labels. What the graph means is computed here from the specs alone.
     */
    @Provide
    Arbitrary<List<Spec>> validGraphs() {
        return Arbitraries.integers().between(1, IDS.length).flatMap(n -> {
            List<Arbitrary<Spec>> specs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<String> earlier = List.of(IDS).subList(0, i);
                Arbitrary<List<String>> subset = i == 0
                        ? Arbitraries.just(List.of())
                        : Arbitraries.of(earlier).list().uniqueElements().ofMaxSize(Math.min(2, i));
                String id = IDS[i];
                Arbitrary<List<String>> labels = Arbitraries.of(List.<String>of(), List.of("lbl_" + id));
                specs.add(Combinators.combine(subset, subset, labels).as((down, deps, l) -> {
                    List<String> ownDeps = new ArrayList<>(deps);
                    ownDeps.removeAll(down);
                    return new Spec(id, down, ownDeps, l);
                }));
            }
            return Combinators.combine(specs).as(List::copyOf);
        });
    }

    @Property
    void plannerWalksGeneratedValidGraphsAsTheirSpecsSay(@ForAll("validGraphs") List<Spec> specs) throws Exception {
        engineErrorsOnly("graph-valid", specs, () -> {
            RevisionMap map = new RevisionMap(specs.stream()
                    .map(s -> new Revision(s.id(), s.down(), s.deps(), s.labels()))
                    .toList());
            Map<String, Spec> byId = new LinkedHashMap<>();
            specs.forEach(s -> byId.put(s.id(), s));
            List<String> heads = specs.stream()
                    .map(Spec::id)
                    .filter(id -> specs.stream().noneMatch(s -> s.down().contains(id)))
                    .toList();
            check(specs, "heads", Set.copyOf(map.heads()), Set.copyOf(heads));
            Planner planner = new Planner(map, id -> id);
            // Upgrading from nothing to each revision applies exactly it and what it needs, each once,
            // never before what it revises or depends on.
            for (Spec target : specs) {
                Set<String> needed = new TreeSet<>();
                ArrayDeque<String> todo = new ArrayDeque<>(List.of(target.id()));
                while (!todo.isEmpty()) {
                    String id = todo.pop();
                    if (needed.add(id)) {
                        todo.addAll(byId.get(id).down());
                        todo.addAll(byId.get(id).deps());
                    }
                }
                List<String> plan = planner.upgrade(target.id(), List.of()).stream()
                        .map(step -> step.revisionId())
                        .toList();
                check(specs, "upgrade " + target.id() + " applies", new TreeSet<>(plan), needed);
                check(specs, "upgrade " + target.id() + " applies each once", plan.size(), needed.size());
                for (int i = 0; i < plan.size(); i++) {
                    Spec step = byId.get(plan.get(i));
                    List<String> before = plan.subList(0, i);
                    List<String> requires = new ArrayList<>(step.down());
                    requires.addAll(step.deps());
                    check(specs, plan + ": " + step.id() + " after " + requires, before.containsAll(requires), true);
                }
                if (!target.labels().isEmpty()) {
                    check(
                            specs,
                            "label " + target.labels().get(0),
                            map.getRevision(target.labels().get(0)).id(),
                            target.id());
                }
            }
            List<String> all = planner.upgrade("heads", List.of()).stream()
                    .map(step -> step.revisionId())
                    .toList();
            check(specs, "upgrade heads applies every revision once", all.size(), specs.size());
            check(specs, "upgrade heads applies", Set.copyOf(all), byId.keySet());
        });
        if (COUNTS.get("graph-valid").get(1) != 0) {
            throw new AssertionError("a valid graph was rejected: " + specs);
        }
    }

    private static void check(List<Spec> specs, String what, Object actual, Object expected) {
        if (!actual.equals(expected)) {
            throw new AssertionError(what + ": " + actual + ", expected " + expected + " for " + specs);
        }
    }
}
