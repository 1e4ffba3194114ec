package dev.migrations.benchmarks;

import static dev.migrations.benchmarks.Samples.check;
import static dev.migrations.benchmarks.Samples.median;

import dev.migrations.internal.schema.DialectOperations;
import dev.migrations.internal.schema.diff.Change;
import dev.migrations.internal.schema.diff.ChangeScript;
import dev.migrations.internal.schema.diff.SchemaDiff;
import dev.migrations.internal.schema.reflect.SchemaReflector;
import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.SchemaModel;
import dev.migrations.spi.model.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Measures autogenerate's two costs on PostgreSQL for generated schemas of 100, 500 and 2,000 tables:
 * reflecting the schema from pg_catalog (one query per kind of object), and comparing it with a model
 * in which every tenth table gained a column and an index (compare, reverse and render both
 * directions). Every table has 7 columns (bigserial key, varchar, numeric with a check, timestamptz
 * default, enum-like text), two indexes and a foreign key to the previous table. Prints medians and
 * the cost per table relative to the smallest size, so linear growth shows as a flat column.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am install -DskipTests} then {@code mvn -B -q -pl benchmarks
 * exec:java -Dexec.mainClass=dev.migrations.benchmarks.SchemaBenchmark} (optional sizes: {@code
 * -Dexec.args="100 500 2000"}). The server is {@code MIGRATIONS_BENCH_JDBC_URL} (with {@code
 * MIGRATIONS_BENCH_USER}/{@code MIGRATIONS_BENCH_PASSWORD}) or {@code localhost:5432} as user {@code
 * postgres}; the user needs CREATEDB.
 */
public final class SchemaBenchmark {
    private static final int RUNS = 5;

    private final PostgresServer server;

    private SchemaBenchmark(PostgresServer server) {
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args.length == 0 ? new String[] {"100", "500", "2000"} : args) {
            sizes.add(Integer.parseInt(arg));
        }
        String url = System.getenv("MIGRATIONS_BENCH_JDBC_URL");
        PostgresServer server = url == null
                ? new PostgresServer("jdbc:postgresql://localhost:5432/postgres", "postgres", null, "")
                : new PostgresServer(
                        url, System.getenv("MIGRATIONS_BENCH_USER"), System.getenv("MIGRATIONS_BENCH_PASSWORD"), "");
        new SchemaBenchmark(server).run(sizes);
    }

    private void run(List<Integer> sizes) throws SQLException {
        // Warm up the JIT and the server's catalog caches on a mid-size schema first.
        measure(200, 3);
        System.out.printf(
                Locale.ROOT,
                "%7s %9s %12s %12s %12s %13s %13s%n",
                "tables",
                "changes",
                "reflect ms",
                "diff ms",
                "total ms",
                "ms/table",
                "vs smallest");
        double reference = 0;
        for (int n : sizes) {
            double[] result = measure(n, RUNS);
            double perTable = (result[0] + result[1]) / n;
            if (reference == 0) {
                reference = perTable;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%7d %9d %12.1f %12.1f %12.1f %13.3f %12.2fx%n",
                    n,
                    (long) result[2],
                    result[0],
                    result[1],
                    result[0] + result[1],
                    perTable,
                    perTable / reference);
        }
    }

    /** Median reflect ms, median diff ms, number of changes. */
    private double[] measure(int tables, int runs) throws SQLException {
        String db = "bench_schema_" + HexFormat.of().formatHex(randomBytes());
        server.adminExecute("CREATE DATABASE " + db);
        try (Connection connection = server.connect(db)) {
            create(connection, tables);
            // The first catalog queries on a new database's connection fill its catalog caches: not measured.
            SchemaReflector.reflect(connection, "postgresql", "public", Set.of());
            double[] reflect = new double[runs];
            double[] diff = new double[runs];
            int changes = 0;
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                SchemaModel database = SchemaReflector.reflect(connection, "postgresql", "public", Set.of());
                reflect[run] = (System.nanoTime() - start) / 1e6;
                check(
                        database.tables().size() == tables,
                        "reflected " + database.tables().size() + " tables");
                SchemaModel model = modified(database);
                start = System.nanoTime();
                List<Change> upgrade = SchemaDiff.compare(database, model);
                List<Change> downgrade = SchemaDiff.reverse(upgrade);
                Operations ops = DialectOperations.forDialect("postgresql");
                String sql = ChangeScript.render(upgrade, ops) + ChangeScript.render(downgrade, ops);
                diff[run] = (System.nanoTime() - start) / 1e6;
                check(!sql.isEmpty(), "no SQL rendered");
                changes = upgrade.size();
            }
            check(changes == 2 * ((tables + 9) / 10), "unexpected change count " + changes);
            return new double[] {median(reflect), median(diff), changes};
        } finally {
            server.adminExecute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    /** The model: every tenth table gains a column and an index on it. */
    private static SchemaModel modified(SchemaModel database) {
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < database.tables().size(); i++) {
            Table table = database.tables().get(i);
            if (i % 10 == 0) {
                List<Column> columns = new ArrayList<>(table.columns());
                columns.add(Column.of("added_note", "text"));
                table = new Table(
                                table.name(),
                                columns,
                                table.primaryKey(),
                                table.uniques(),
                                table.foreignKeys(),
                                table.indexes(),
                                table.checks(),
                                table.comment())
                        .with(dev.migrations.spi.model.Index.of(table.name() + "_added_note_idx", "added_note"));
            }
            tables.add(table);
        }
        return new SchemaModel(tables, database.enums(), database.sequences(), database.views());
    }

    private static void create(Connection connection, int tables) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (int i = 0; i < tables; i++) {
                String t = String.format(Locale.ROOT, "t%05d", i);
                st.addBatch("CREATE TABLE " + t + " (id bigserial PRIMARY KEY, name varchar(100) NOT NULL,"
                        + " parent_id bigint"
                        + (i == 0 ? "" : String.format(Locale.ROOT, " REFERENCES t%05d (id)", i - 1))
                        + ", amount numeric(10, 2) CHECK (amount >= 0), created_at timestamptz NOT NULL DEFAULT now(),"
                        + " status text NOT NULL DEFAULT 'new', note text)");
                st.addBatch("CREATE INDEX " + t + "_name_idx ON " + t + " (name)");
                st.addBatch("CREATE INDEX " + t + "_parent_idx ON " + t + " (parent_id, created_at DESC)");
                if (i % 50 == 49 || i == tables - 1) {
                    // Commit in slices: one transaction for thousands of tables runs out of lock slots.
                    st.executeBatch();
                    connection.commit();
                }
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
