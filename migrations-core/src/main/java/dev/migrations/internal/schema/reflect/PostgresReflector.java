package dev.migrations.internal.schema.reflect;

import static dev.migrations.internal.dialect.PostgresCatalog.COLUMNS;
import static dev.migrations.internal.dialect.PostgresCatalog.CONSTRAINTS;
import static dev.migrations.internal.dialect.PostgresCatalog.CURRENT_SCHEMA;
import static dev.migrations.internal.dialect.PostgresCatalog.ENUMS;
import static dev.migrations.internal.dialect.PostgresCatalog.INDEXES;
import static dev.migrations.internal.dialect.PostgresCatalog.SEQUENCES;
import static dev.migrations.internal.dialect.PostgresCatalog.SET_SEARCH_PATH;
import static dev.migrations.internal.dialect.PostgresCatalog.SHOW_SEARCH_PATH;
import static dev.migrations.internal.dialect.PostgresCatalog.TABLES;
import static dev.migrations.internal.dialect.PostgresCatalog.VIEWS;

import dev.migrations.internal.dialect.PostgresDialect;
import dev.migrations.spi.model.CheckConstraint;
import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.EnumType;
import dev.migrations.spi.model.ForeignKey;
import dev.migrations.spi.model.Identity;
import dev.migrations.spi.model.Index;
import dev.migrations.spi.model.PrimaryKey;
import dev.migrations.spi.model.SchemaModel;
import dev.migrations.spi.model.Sequence;
import dev.migrations.spi.model.UniqueConstraint;
import dev.migrations.spi.model.View;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads a PostgreSQL schema from pg_catalog, one query per kind of object. */
final class PostgresReflector {
    private static final Map<String, String> SERIALS =
            Map.of("integer", "serial", "bigint", "bigserial", "smallint", "smallserial");
    private static final Map<String, String> ACTIONS =
            Map.of("a", "NO ACTION", "r", "RESTRICT", "c", "CASCADE", "n", "SET NULL", "d", "SET DEFAULT");

    private final Connection connection;
    private final CatalogQueries catalog;
    private final TableFilter filter;
    private final PostgresDialect dialect = new PostgresDialect();

    PostgresReflector(Connection connection, TableFilter filter) {
        this.connection = connection;
        this.catalog = new CatalogQueries(connection);
        this.filter = filter;
    }

    SchemaModel reflect(String requestedSchema) throws SQLException {
        String schema = requestedSchema == null ? catalog.single(CURRENT_SCHEMA) : requestedSchema;
        String previousPath = catalog.single(SHOW_SEARCH_PATH);
        // Printing functions qualify names that are not on the search_path: with only the reflected
        // schema on it, a scratch schema's output reads exactly like the real schema's.
        setSearchPath(dialect.quote(schema));
        try {
            TableParts.All tables = new TableParts.All();
            catalog.query(TABLES, schema, rs -> {
                if (!filter.excludes(rs.getString(1))) {
                    tables.add(rs.getString(1), rs.getString(2));
                }
            });
            catalog.query(COLUMNS, schema, rs -> column(tables.get(rs.getString(1)), rs));
            catalog.query(CONSTRAINTS, schema, rs -> constraint(tables.get(rs.getString(1)), rs, schema));
            catalog.query(INDEXES, schema, rs -> index(tables.get(rs.getString(1)), rs));
            List<EnumType> enums = new ArrayList<>();
            catalog.query(ENUMS, schema, rs -> enums.add(new EnumType(rs.getString(1), strings(rs.getArray(2)))));
            List<Sequence> sequences = new ArrayList<>();
            catalog.query(
                    SEQUENCES,
                    schema,
                    rs -> sequences.add(new Sequence(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getBoolean(8))));
            List<View> views = new ArrayList<>();
            catalog.query(VIEWS, schema, rs -> {
                if (!filter.excludes(rs.getString(1))) {
                    views.add(new View(rs.getString(1), rs.getString(2).strip()));
                }
            });
            return new SchemaModel(tables.build(), enums, sequences, views);
        } finally {
            setSearchPath(previousPath);
        }
    }

    private static void column(TableParts table, ResultSet rs) throws SQLException {
        if (table == null) {
            return;
        }
        String type = rs.getString(3);
        String expression = rs.getString(5);
        String identityCode = rs.getString(6);
        boolean generated = "s".equals(rs.getString(7));
        String ownedSequence = rs.getString(9);
        Identity identity =
                "a".equals(identityCode) ? Identity.ALWAYS : "d".equals(identityCode) ? Identity.BY_DEFAULT : null;
        String defaultExpression = generated ? null : expression;
        // A serial column: its default draws from a sequence it owns. Shown as serial so the sequence's
        // generated name never appears in a diff and ADD COLUMN creates it again.
        if (ownedSequence != null
                && SERIALS.containsKey(type)
                && ("nextval('" + ownedSequence + "'::regclass)").equals(expression)) {
            type = SERIALS.get(type);
            defaultExpression = null;
        }
        table.columns.add(new Column(
                rs.getString(2),
                type,
                !rs.getBoolean(4),
                defaultExpression,
                identity,
                generated ? expression : null,
                rs.getString(8)));
    }

    private static void constraint(TableParts table, ResultSet rs, String schema) throws SQLException {
        if (table == null) {
            return;
        }
        String name = rs.getString(2);
        List<String> columns = strings(rs.getArray(4));
        switch (rs.getString(3)) {
            case "p" -> table.primaryKey = new PrimaryKey(name, columns);
            case "u" -> table.uniques.add(new UniqueConstraint(name, columns));
            case "f" -> {
                String refSchema = rs.getString(5);
                String refTable = schema.equals(refSchema) ? rs.getString(6) : refSchema + "." + rs.getString(6);
                table.foreignKeys.add(new ForeignKey(
                        name,
                        columns,
                        refTable,
                        strings(rs.getArray(7)),
                        ACTIONS.get(rs.getString(8)),
                        ACTIONS.get(rs.getString(9))));
            }
            default -> table.checks.add(new CheckConstraint(name, checkExpression(rs.getString(10))));
        }
    }

    /** {@code CHECK ((price > 0))} as pg_get_constraintdef prints it, without CHECK and outer parentheses. */
    static String checkExpression(String definition) {
        String text = definition.strip();
        if (text.endsWith(" NOT VALID")) {
            text = text.substring(0, text.length() - " NOT VALID".length());
        }
        if (text.startsWith("CHECK (") && text.endsWith(")")) {
            text = text.substring("CHECK (".length(), text.length() - 1);
        }
        return text;
    }

    private static void index(TableParts table, ResultSet rs) throws SQLException {
        if (table == null) {
            return;
        }
        table.indexes.add(new Index(
                rs.getString(2), rs.getBoolean(3), strings(rs.getArray(5)), rs.getString(4), rs.getString(6)));
    }

    private static List<String> strings(Array array) throws SQLException {
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }

    private void setSearchPath(String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SET_SEARCH_PATH)) {
            ps.setString(1, value);
            ps.executeQuery().close();
        }
    }
}
