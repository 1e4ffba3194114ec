package dev.migrations.internal.schema;

import dev.migrations.internal.dialect.Dialect;
import dev.migrations.spi.model.CheckConstraint;
import dev.migrations.spi.model.Index;
import dev.migrations.spi.model.SchemaModel;
import dev.migrations.spi.model.Table;
import dev.migrations.spi.model.View;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes expressions that mean the same compare equal. PostgreSQL does not print an expression the
 * way it reads it back: {@code status IN ('A', 'B')} on a varchar column prints as {@code
 * status::text = ANY (ARRAY['A'::character varying, ...]::text[])}, which, run again (as a generated
 * revision does), prints with the casts moved inside the array. So a check constraint, partial-index
 * predicate or view of the model whose name matches one of the database but whose text differs is
 * tried once more: both texts are created side by side in the scratch schema (inside a savepoint
 * that is rolled back) and their printed forms compared. When they match, the model takes the
 * database's text and no change is reported.
 */
final class ExpressionNormalizer {
    private static final String CONSTRAINT_DEF = "SELECT pg_catalog.pg_get_constraintdef(c.oid, true)"
            + " FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class t ON t.oid = c.conrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
            + " WHERE n.nspname = ? AND t.relname = 'migrations_copy' AND c.conname = ?";
    private static final String INDEX_PREDICATE = "SELECT pg_catalog.pg_get_expr(x.indpred, x.indrelid, true)"
            + " FROM pg_catalog.pg_index x JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = ? AND i.relname = ?";
    private static final String VIEW_DEF = "SELECT pg_catalog.pg_get_viewdef(c.oid, true) FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?";

    private final Connection connection;
    private final String scratch;
    private final String quotedScratch;

    private ExpressionNormalizer(Connection connection, String scratch) {
        this.connection = connection;
        this.scratch = scratch;
        this.quotedScratch = Dialect.of("postgresql").quote(scratch);
    }

    /** The model with the database's text where both mean the same (PostgreSQL only). */
    static SchemaModel align(Connection connection, String scratch, SchemaModel database, SchemaModel model)
            throws SQLException {
        ExpressionNormalizer normalizer = new ExpressionNormalizer(connection, scratch);
        List<Table> tables = new ArrayList<>();
        for (Table table : model.tables()) {
            Table existing = database.table(table.name());
            tables.add(existing == null ? table : normalizer.align(existing, table));
        }
        List<View> views = new ArrayList<>();
        for (View view : model.views()) {
            views.add(normalizer.align(database.views(), view));
        }
        return new SchemaModel(tables, model.enums(), model.sequences(), views);
    }

    private Table align(Table existing, Table table) throws SQLException {
        List<CheckConstraint> checks = new ArrayList<>();
        for (CheckConstraint check : table.checks()) {
            CheckConstraint chosen = check;
            for (CheckConstraint other : existing.checks()) {
                if (other.name().equals(check.name())
                        && !other.expression().equals(check.expression())
                        && sameCheck(table.name(), other.expression(), check.expression())) {
                    chosen = other;
                }
            }
            checks.add(chosen);
        }
        List<Index> indexes = new ArrayList<>();
        for (Index index : table.indexes()) {
            Index chosen = index;
            for (Index other : existing.indexes()) {
                if (other.name().equals(index.name())
                        && other.where() != null
                        && index.where() != null
                        && !other.where().equals(index.where())
                        && samePredicate(table.name(), index, other.where())) {
                    chosen = new Index(index.name(), index.unique(), index.keys(), index.method(), other.where());
                }
            }
            indexes.add(chosen);
        }
        return new Table(
                table.name(),
                table.columns(),
                table.primaryKey(),
                table.uniques(),
                table.foreignKeys(),
                indexes,
                checks,
                table.comment());
    }

    private View align(List<View> existing, View view) throws SQLException {
        for (View other : existing) {
            if (other.name().equals(view.name())
                    && !other.definition().equals(view.definition())
                    && sameView(other.definition(), view.definition())) {
                return other;
            }
        }
        return view;
    }

    private boolean sameCheck(String table, String a, String b) throws SQLException {
        return sideBySide(
                List.of(
                        "CREATE TABLE " + quotedScratch + ".migrations_copy (LIKE " + quotedScratch + "."
                                + Dialect.of("postgresql").quote(table) + ")",
                        "ALTER TABLE " + quotedScratch + ".migrations_copy ADD CONSTRAINT a CHECK (" + a
                                + ") NOT VALID",
                        "ALTER TABLE " + quotedScratch + ".migrations_copy ADD CONSTRAINT b CHECK (" + b
                                + ") NOT VALID"),
                CONSTRAINT_DEF,
                "a",
                "b");
    }

    private boolean samePredicate(String table, Index index, String other) throws SQLException {
        String on = " ON " + quotedScratch + "." + Dialect.of("postgresql").quote(table) + " USING " + index.method()
                + " (" + String.join(", ", index.keys()) + ") WHERE ";
        return sideBySide(
                List.of(
                        "CREATE INDEX migrations_copy_a" + on + other,
                        "CREATE INDEX migrations_copy_b" + on + index.where()),
                INDEX_PREDICATE,
                "migrations_copy_a",
                "migrations_copy_b");
    }

    private boolean sameView(String a, String b) throws SQLException {
        return sideBySide(
                List.of(
                        "CREATE VIEW " + quotedScratch + ".migrations_copy_a AS " + strip(a),
                        "CREATE VIEW " + quotedScratch + ".migrations_copy_b AS " + strip(b)),
                VIEW_DEF,
                "migrations_copy_a",
                "migrations_copy_b");
    }

    private static String strip(String definition) {
        String text = definition.strip();
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }

    /** Runs the statements in a savepoint, compares what {@code printQuery} prints for a and b, rolls back. */
    private boolean sideBySide(List<String> statements, String printQuery, String a, String b) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        Savepoint savepoint = connection.setSavepoint();
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
            return printed(printQuery, a).equals(printed(printQuery, b));
        } catch (SQLException e) {
            // The database's text does not fit the model (other columns or tables): a real change.
            return false;
        } finally {
            connection.rollback(savepoint);
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
    }

    private String printed(String sql, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, scratch);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? String.valueOf(rs.getString(1)) : "";
            }
        }
    }
}
