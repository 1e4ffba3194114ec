package dev.migrations.schema;

import dev.migrations.dialect.Dialect;
import dev.migrations.schema.model.CheckConstraint;
import dev.migrations.schema.model.SchemaModel;
import dev.migrations.schema.model.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes check constraints that mean the same compare equal. PostgreSQL does not print an expression
 * the way it reads it back: {@code status IN ('A', 'B')} on a varchar column prints as {@code
 * status::text = ANY (ARRAY['A'::character varying, ...]::text[])}, which, run again (as a generated
 * revision does), prints with the casts moved inside the array. So a check of the model whose name
 * matches a check of the database but whose text differs is tried once more: both expressions are
 * added to a copy of the table in the scratch schema and their printed forms compared. When they
 * match, the model takes the database's text and no change is reported.
 */
final class CheckNormalizer {
    private static final String CONSTRAINT_DEF = "SELECT pg_catalog.pg_get_constraintdef(c.oid, true)"
            + " FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_class t ON t.oid = c.conrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
            + " WHERE n.nspname = ? AND t.relname = ? AND c.conname = ?";

    private CheckNormalizer() {}

    /** The model with the database's text for checks that mean the same (PostgreSQL only). */
    static SchemaModel align(Connection connection, String scratch, SchemaModel database, SchemaModel model)
            throws SQLException {
        List<Table> tables = new ArrayList<>();
        boolean changed = false;
        for (Table table : model.tables()) {
            Table existing = database.table(table.name());
            Table aligned = existing == null ? null : align(connection, scratch, existing, table);
            changed |= aligned != null;
            tables.add(aligned == null ? table : aligned);
        }
        return changed ? new SchemaModel(tables, model.enums(), model.sequences(), model.views()) : model;
    }

    /** The table with aligned checks, or null when none needed aligning. */
    private static Table align(Connection connection, String scratch, Table existing, Table table) throws SQLException {
        List<CheckConstraint> checks = new ArrayList<>();
        boolean changed = false;
        for (CheckConstraint check : table.checks()) {
            CheckConstraint replacement = null;
            for (CheckConstraint other : existing.checks()) {
                if (other.name().equals(check.name())
                        && !other.expression().equals(check.expression())
                        && sameMeaning(connection, scratch, table.name(), other.expression(), check.expression())) {
                    replacement = other;
                }
            }
            changed |= replacement != null;
            checks.add(replacement == null ? check : replacement);
        }
        if (!changed) {
            return null;
        }
        return new Table(
                table.name(),
                table.columns(),
                table.primaryKey(),
                table.uniques(),
                table.foreignKeys(),
                table.indexes(),
                checks,
                table.comment());
    }

    /** Whether the two expressions print the same once each has been read back by the database. */
    private static boolean sameMeaning(Connection connection, String scratch, String table, String a, String b)
            throws SQLException {
        Dialect dialect = Dialect.of("postgresql");
        String copy = "migrations_check_copy";
        String qualifiedCopy = dialect.quote(scratch) + "." + copy;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        Savepoint savepoint = connection.setSavepoint();
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE " + qualifiedCopy + " (LIKE " + dialect.quote(scratch) + "." + dialect.quote(table)
                    + ")");
            st.execute("ALTER TABLE " + qualifiedCopy + " ADD CONSTRAINT a CHECK (" + a + ") NOT VALID");
            st.execute("ALTER TABLE " + qualifiedCopy + " ADD CONSTRAINT b CHECK (" + b + ") NOT VALID");
            return printed(connection, scratch, copy, "a").equals(printed(connection, scratch, copy, "b"));
        } catch (SQLException e) {
            // The database's expression does not fit the model's table (other columns): a real change.
            return false;
        } finally {
            connection.rollback(savepoint);
            connection.commit();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String printed(Connection connection, String scratch, String table, String constraint)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(CONSTRAINT_DEF)) {
            ps.setString(1, scratch);
            ps.setString(2, table);
            ps.setString(3, constraint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }
}
