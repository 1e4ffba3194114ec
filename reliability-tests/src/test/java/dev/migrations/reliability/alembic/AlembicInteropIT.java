package dev.migrations.reliability.alembic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.reliability.Jvm;
import dev.migrations.reliability.Pg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Alembic and this engine (the shaded CLI jar) take turns on one PostgreSQL database over one
 * revision graph ({@link InteropProject}: two branches, a dependency across them, a merge, a
 * non-transactional revision). After every step the version rows are the expected ones and both
 * tools print the same {@code current}; the application's schema in a given state is the same
 * whichever tool brought the database there. Alembic's {@code env.py} carries the {@code
 * include_object} filter of docs/alembic-differences.md, read from the page, and {@code revision
 * --autogenerate} proves it keeps the engine's tables out of Python teams' revisions.
 */
class AlembicInteropIT {
    private static final Path DOC = Path.of("../docs/alembic-differences.md");
    private static final String SECTION = "## Python teams sharing the database";

    /** A parenthesized list in Alembic's output ({@code (audit, billing)}), printed in set order. */
    private static final Pattern LIST = Pattern.compile("\\(([^()]*, [^()]*)\\)");

    private final Pg pg = Pg.server();
    private final Map<Set<String>, String> schemaInState = new HashMap<>();

    @TempDir
    Path dir;

    private AlembicTool alembic;
    private String db;
    private String step = "nothing yet";

    @BeforeEach
    void createDatabaseAndProjects() throws SQLException, IOException {
        alembic = AlembicTool.require();
        db = pg.createDatabase("rel_alembic");
        InteropProject.write(dir, documentedFilter());
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (db != null) {
            pg.dropDatabase(db);
        }
    }

    @Test
    void bothToolsTakeTurnsAndAgreeOnTheVersionRowsAfterEveryStep() throws Exception {
        for (String command : List.of("heads", "heads --resolve-dependencies", "history")) {
            String[] argv = command.split(" ");
            assertThat(normalized(engine(argv))).as(command).isEqualTo(normalized(alembic(argv)));
        }
        // A branch point's children come in Python's set order from Alembic, in load order here.
        assertThat(sortedLines(engine("branches"))).isEqualTo(sortedLines(alembic("branches")));

        alembic("upgrade", "aa02");
        agree("aa02");
        engine("upgrade", "bb01");
        agree("bb01");
        // cc01 depends on bb01, whose row it takes over (bb01 stays implied).
        alembic("upgrade", "cc01");
        agree("cc01");
        engine("upgrade", "bb02");
        agree("bb02", "cc01");
        alembic("downgrade", "bb01");
        agree("cc01");
        engine("upgrade", "heads");
        agree("mm02");
        // A relative walk down through a merge is ambiguous to both; naming the parent is not.
        assertThat(refused("downgrade", "-2")).isEqualTo("FAILED: Ambiguous walk\n");
        agree("mm02");
        // Through the merge: mm01's row splits into its two parents again.
        alembic("downgrade", "bb02");
        agree("bb02", "cc02");
        engine("downgrade", "bb01");
        agree("cc02");
        historyRangesAgree();
        alembic("upgrade", "heads");
        agree("mm02");
        historyRangesAgree();
        engine("downgrade", "base");
        agree();
        alembic("upgrade", "mm01");
        agree("mm01");
        engine("upgrade", "head");
        agree("mm02");

        assertThat(schemaInState.get(Set.of()))
                .as("the application's schema at base")
                .isEmpty();
        assertThat(schemaInState.get(Set.of("mm02")))
                .contains("index accounts_email_idx on accounts valid")
                .contains("column invoice_audit.at timestamp with time zone");
    }

    @Test
    void autogenerateWithTheDocumentedFilterLeavesTheEngineTablesAlone() throws Exception {
        alembic("upgrade", "aa02");
        engine("upgrade", "heads");
        agree("mm02");
        assertThat(pg.strings(
                        db,
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                                + " AND tablename LIKE 'alembic\\_version\\_%' ORDER BY 1"))
                .as("the engine's tables beside alembic_version")
                .containsExactly("alembic_version_history", "alembic_version_partial", "alembic_version_verified");

        List<String> unfiltered = autogenerate("unfiltered", "off");
        assertThat(unfiltered)
                .as("autogenerate's upgrade() without the filter")
                .containsExactlyInAnyOrder(
                        "op.drop_table('alembic_version_history')",
                        "op.drop_table('alembic_version_partial')",
                        "op.drop_table('alembic_version_verified')");

        assertThat(autogenerate("filtered", "on"))
                .as("autogenerate's upgrade() with the filter of %s", DOC.normalize())
                .isEmpty();
        assertThat(engine("current")).isEqualTo("mm02 (head)\n");
    }

    /**
     * Runs {@code alembic revision --autogenerate} with the filter on or off, then removes the
     * file it wrote; returns the operations of its {@code upgrade()}.
     */
    private List<String> autogenerate(String name, String filter) throws IOException {
        AlembicTool.Result run = alembic.alembic(
                dir,
                Map.of("INTEROP_DATABASE_URL", sqlAlchemyUrl(), "INTEROP_FILTER", filter),
                "revision",
                "--autogenerate",
                "-m",
                name,
                "--rev-id",
                "ag_" + name);
        assertThat(run.exit())
                .as("alembic revision --autogenerate%n%s", run.all())
                .isZero();
        Path file = dir.resolve("migrations/versions/ag_" + name + "_" + name + ".py");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.delete(file);
        String upgrade = text.substring(text.indexOf("def upgrade():"), text.indexOf("def downgrade():"));
        return upgrade.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("op."))
                .toList();
    }

    /**
     * The version rows are the expected ones, both tools print the same {@code current} (which
     * names at least the rows), and the application's schema is what it was the last time the
     * database was in this state.
     */
    private void agree(String... expected) throws SQLException {
        List<String> rows = pg.strings(db, "SELECT version_num FROM alembic_version ORDER BY version_num");
        assertThat(rows).as("version rows after %s", step).containsExactlyElementsOf(new TreeSet<>(List.of(expected)));

        List<String> alembicCurrent = sortedLines(alembic("current"));
        assertThat(sortedLines(engine("current")))
                .as("the engine's current after %s (Alembic's: %s)", step, alembicCurrent)
                .isEqualTo(alembicCurrent);
        assertThat(alembicCurrent.stream().map(line -> line.split(" ")[0]).toList())
                .as("Alembic's current after %s", step)
                .containsAll(rows);

        String schema = applicationSchema();
        String before = schemaInState.putIfAbsent(Set.copyOf(rows), schema);
        if (before != null) {
            assertThat(schema)
                    .as("the application's schema at %s after %s, as when the database was there before", rows, step)
                    .isEqualTo(before);
        }
    }

    /**
     * {@code history} over ranges from and to {@code current}: the same lines in the same order,
     * {@code (current)} only with {@code -i}.
     */
    private void historyRangesAgree() {
        for (String args : List.of("-r current:", "-r :current", "-r current: -i", "-r :current -i", "-i")) {
            List<String> command = new ArrayList<>(List.of("history"));
            command.addAll(Arrays.asList(args.split(" ")));
            String[] argv = command.toArray(String[]::new);
            String expected = normalized(alembic(argv));
            assertThat(normalized(engine(argv)))
                    .as("history %s after %s", args, step)
                    .isEqualTo(expected);
            assertThat(expected.contains("(current)"))
                    .as("Alembic's history %s", args)
                    .isEqualTo(args.contains("-i"));
        }
    }

    /**
     * Runs a command that both tools must refuse alike (exit 255, the same {@code FAILED:} line);
     * returns that output.
     */
    private String refused(String... args) {
        step = "alembic " + String.join(" ", args) + " (refused)";
        AlembicTool.Result byAlembic = alembic.alembic(dir, Map.of("INTEROP_DATABASE_URL", sqlAlchemyUrl()), args);
        assertThat(byAlembic.exit()).as("%s%n%s", step, byAlembic.all()).isEqualTo(255);
        step = "migrations " + String.join(" ", args) + " (refused)";
        Jvm.Result byEngine = runEngine(args);
        assertThat(byEngine.exit()).as("%s%n%s", step, byEngine.all()).isEqualTo(255);
        assertThat(byEngine.stdout()).as(step).isEqualTo(byAlembic.stdout());
        return byEngine.stdout();
    }

    /** Runs Alembic, which must succeed; returns its standard output. */
    private String alembic(String... args) {
        step = "alembic " + String.join(" ", args);
        AlembicTool.Result run = alembic.alembic(dir, Map.of("INTEROP_DATABASE_URL", sqlAlchemyUrl()), args);
        assertThat(run.exit())
                .as("%s (%s)%n%s", step, alembic.version(), run.all())
                .isZero();
        return run.stdout();
    }

    /** Runs the engine's CLI jar, which must succeed; returns its standard output. */
    private String engine(String... args) {
        step = "migrations " + String.join(" ", args);
        Jvm.Result run = runEngine(args);
        assertThat(run.exit())
                .as("%s%n%s%n%s", step, run.stdout(), run.stderr())
                .isZero();
        return run.stdout();
    }

    private Jvm.Result runEngine(String... args) {
        List<String> argv =
                new ArrayList<>(List.of("--location", dir.resolve("sql").toString()));
        argv.addAll(List.of(args));
        Map<String, String> env = new HashMap<>(Map.of("MIGRATIONS_URL", pg.url(db)));
        if (pg.user() != null) {
            env.put("MIGRATIONS_USER", pg.user());
        }
        if (pg.password() != null) {
            env.put("MIGRATIONS_PASSWORD", pg.password());
        }
        try {
            return Jvm.runCli(dir.resolve("runs"), env, argv.toArray(String[]::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String sqlAlchemyUrl() {
        return AlembicTool.sqlAlchemyUrl(pg.url(db), pg.user(), pg.password());
    }

    /** Columns, indexes (and whether valid) and constraints outside the version tables. */
    private String applicationSchema() throws SQLException {
        return String.join(
                "\n",
                pg.strings(
                        db,
                        "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type"
                                + " FROM information_schema.columns WHERE table_schema = 'public'"
                                + " AND table_name NOT LIKE 'alembic\\_version%'"
                                + " UNION ALL SELECT 'index ' || i.relname || ' on ' || t.relname"
                                + " || CASE WHEN x.indisvalid THEN ' valid' ELSE ' INVALID' END"
                                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                                + " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                                + " WHERE n.nspname = 'public' AND t.relname NOT LIKE 'alembic\\_version%'"
                                + " UNION ALL SELECT 'constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid)"
                                + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                                + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                                + " WHERE n.nspname = 'public' AND t.relname NOT LIKE 'alembic\\_version%'"
                                + " ORDER BY 1"));
    }

    /**
     * The output with each parenthesized list sorted: Alembic prints branch labels in Python's set
     * order, this engine in load order (a documented difference).
     */
    static String normalized(String output) {
        Matcher m = LIST.matcher(output);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            List<String> items = new ArrayList<>(Arrays.asList(m.group(1).split(", ")));
            items.sort(null);
            m.appendReplacement(result, Matcher.quoteReplacement("(" + String.join(", ", items) + ")"));
        }
        return m.appendTail(result).toString();
    }

    private static List<String> sortedLines(String output) {
        return output.lines().sorted().toList();
    }

    /** The first Python block of the page's section for Python teams, verbatim. */
    private static String documentedFilter() throws IOException {
        String page = Files.readString(DOC, StandardCharsets.UTF_8);
        int section = page.indexOf(SECTION);
        assertThat(section).as("%s in %s", SECTION, DOC).isNotNegative();
        int start = page.indexOf("```python\n", section);
        assertThat(start).as("a ```python block in %s of %s", SECTION, DOC).isNotNegative();
        start += "```python\n".length();
        return page.substring(start, page.indexOf("```", start));
    }
}
