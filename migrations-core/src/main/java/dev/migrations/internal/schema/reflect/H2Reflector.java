package dev.migrations.internal.schema.reflect;

import static dev.migrations.internal.dialect.H2Catalog.COLUMNS;
import static dev.migrations.internal.dialect.H2Catalog.CONSTRAINTS;
import static dev.migrations.internal.dialect.H2Catalog.CURRENT_SCHEMA;
import static dev.migrations.internal.dialect.H2Catalog.INDEXES;
import static dev.migrations.internal.dialect.H2Catalog.SEQUENCES;
import static dev.migrations.internal.dialect.H2Catalog.TABLES;
import static dev.migrations.internal.dialect.H2Catalog.VIEWS;

import dev.migrations.spi.model.CheckConstraint;
import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.ForeignKey;
import dev.migrations.spi.model.Identity;
import dev.migrations.spi.model.Index;
import dev.migrations.spi.model.PrimaryKey;
import dev.migrations.spi.model.SchemaModel;
import dev.migrations.spi.model.Sequence;
import dev.migrations.spi.model.UniqueConstraint;
import dev.migrations.spi.model.View;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an H2 schema from INFORMATION_SCHEMA, one query per kind of object. */
final class H2Reflector {
    private final CatalogQueries catalog;
    private final TableFilter filter;
    private String qualifier = "";

    H2Reflector(Connection connection, TableFilter filter) {
        this.catalog = new CatalogQueries(connection);
        this.filter = filter;
    }

    SchemaModel reflect(String requestedSchema) throws SQLException {
        String schema = requestedSchema == null ? catalog.single(CURRENT_SCHEMA) : requestedSchema;
        // H2 prints references to objects of the same schema qualified ("S"."T"); without the
        // qualifier, a scratch schema's output reads like the real schema's.
        qualifier = "\"" + schema.replace("\"", "\"\"") + "\".";
        TableParts.All tables = new TableParts.All();
        catalog.query(TABLES, schema, rs -> {
            if ("BASE TABLE".equals(rs.getString(2)) && !filter.excludes(rs.getString(1))) {
                tables.add(rs.getString(1), rs.getString(3));
            }
        });
        catalog.query(COLUMNS, schema, rs -> column(tables.get(rs.getString(1)), rs));
        constraints(tables, schema);
        indexes(tables, schema);
        List<Sequence> sequences = new ArrayList<>();
        catalog.query(
                SEQUENCES,
                schema,
                rs -> sequences.add(new Sequence(
                        rs.getString(1),
                        rs.getString(2).toLowerCase(java.util.Locale.ROOT),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        "YES".equals(rs.getString(8)))));
        List<View> views = new ArrayList<>();
        catalog.query(VIEWS, schema, rs -> {
            if (!filter.excludes(rs.getString(1))) {
                views.add(new View(
                        rs.getString(1), rs.getString(2).replace(qualifier, "").strip()));
            }
        });
        return new SchemaModel(tables.build(), List.of(), sequences, views);
    }

    private String unqualified(String sql) {
        return sql == null ? null : sql.replace(qualifier, "");
    }

    private void column(TableParts table, ResultSet rs) throws SQLException {
        if (table == null) {
            return;
        }
        boolean identity = "YES".equals(rs.getString(10));
        boolean generated = "ALWAYS".equals(rs.getString(12));
        table.columns.add(new Column(
                rs.getString(2),
                type(rs),
                "YES".equals(rs.getString(8)),
                identity || generated ? null : unqualified(rs.getString(9)),
                identity ? ("ALWAYS".equals(rs.getString(11)) ? Identity.ALWAYS : Identity.BY_DEFAULT) : null,
                generated ? unqualified(rs.getString(13)) : null,
                rs.getString(14)));
    }

    /** The declared type as H2 spells it, e.g. {@code CHARACTER VARYING(100)}, {@code NUMERIC(10, 2)}. */
    private static String type(ResultSet rs) throws SQLException {
        String type = rs.getString(3);
        long length = rs.getLong(4);
        if (!rs.wasNull() && (type.startsWith("CHARACTER") || type.startsWith("BINARY"))) {
            return type + "(" + length + ")";
        }
        if (type.equals("NUMERIC") || type.equals("DECIMAL")) {
            return type + "(" + rs.getLong(5) + ", " + rs.getLong(6) + ")";
        }
        long datetimePrecision = rs.getLong(7);
        if (!rs.wasNull() && type.startsWith("TIMESTAMP") && datetimePrecision != 6) {
            return "TIMESTAMP(" + datetimePrecision + ")" + type.substring("TIMESTAMP".length());
        }
        return type;
    }

    /** One constraint's rows, merged (a row per column). */
    private record ConstraintRows(
            String table,
            String name,
            String type,
            List<String> columns,
            String check,
            String refTable,
            List<String> refColumns,
            String onDelete,
            String onUpdate) {}

    private void constraints(TableParts.All tables, String schema) throws SQLException {
        Map<String, ConstraintRows> byName = new LinkedHashMap<>();
        catalog.query(CONSTRAINTS, schema, rs -> {
            ConstraintRows rows = byName.computeIfAbsent(rs.getString(1) + "." + rs.getString(2), key -> {
                try {
                    return new ConstraintRows(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            new ArrayList<>(),
                            rs.getString(6),
                            rs.getString(7),
                            new ArrayList<>(),
                            rs.getString(9),
                            rs.getString(10));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (rs.getString(4) != null) {
                rows.columns().add(rs.getString(4));
            }
            if (rs.getString(8) != null) {
                rows.refColumns().add(rs.getString(8));
            }
        });
        for (ConstraintRows rows : byName.values()) {
            TableParts table = tables.get(rows.table());
            if (table == null) {
                continue;
            }
            switch (rows.type()) {
                case "PRIMARY KEY" -> table.primaryKey = new PrimaryKey(rows.name(), rows.columns());
                case "UNIQUE" -> table.uniques.add(new UniqueConstraint(rows.name(), rows.columns()));
                case "FOREIGN KEY" ->
                    table.foreignKeys.add(new ForeignKey(
                            rows.name(),
                            rows.columns(),
                            rows.refTable(),
                            rows.refColumns(),
                            rows.onDelete(),
                            rows.onUpdate()));
                default -> table.checks.add(new CheckConstraint(rows.name(), unqualified(rows.check())));
            }
        }
    }

    private void indexes(TableParts.All tables, String schema) throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Map<String, String[]> heads = new LinkedHashMap<>();
        catalog.query(INDEXES, schema, rs -> {
            String key = rs.getString(1) + "." + rs.getString(2);
            heads.putIfAbsent(key, new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            keys.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(rs.getString(4) + ("DESC".equals(rs.getString(5)) ? " DESC" : ""));
        });
        for (Map.Entry<String, String[]> entry : heads.entrySet()) {
            String[] head = entry.getValue();
            TableParts table = tables.get(head[0]);
            if (table != null) {
                table.indexes.add(
                        new Index(head[1], head[2].startsWith("UNIQUE"), keys.get(entry.getKey()), null, null));
            }
        }
    }
}
