package dev.migrations.internal.schema.reflect;

import dev.migrations.spi.model.CheckConstraint;
import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.ForeignKey;
import dev.migrations.spi.model.Index;
import dev.migrations.spi.model.PrimaryKey;
import dev.migrations.spi.model.Table;
import dev.migrations.spi.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects one table's parts while the batched queries stream rows of every table. */
final class TableParts {
    final String name;
    final String comment;
    final List<Column> columns = new ArrayList<>();
    PrimaryKey primaryKey;
    final List<UniqueConstraint> uniques = new ArrayList<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    final List<CheckConstraint> checks = new ArrayList<>();

    TableParts(String name, String comment) {
        this.name = name;
        this.comment = comment;
    }

    Table build() {
        uniques.sort(Comparator.comparing(UniqueConstraint::name));
        foreignKeys.sort(Comparator.comparing(ForeignKey::name));
        indexes.sort(Comparator.comparing(Index::name));
        checks.sort(Comparator.comparing(CheckConstraint::name));
        return new Table(name, columns, primaryKey, uniques, foreignKeys, indexes, checks, comment);
    }

    /** The tables by name, in the order they were added. */
    static final class All {
        private final Map<String, TableParts> byName = new LinkedHashMap<>();

        void add(String name, String comment) {
            byName.put(name, new TableParts(name, comment));
        }

        /** The table's parts, or null when the table is excluded (or not a table). */
        TableParts get(String name) {
            return byName.get(name);
        }

        List<Table> build() {
            List<Table> tables = new ArrayList<>(byName.size());
            for (TableParts parts : byName.values()) {
                tables.add(parts.build());
            }
            tables.sort(Comparator.comparing(Table::name));
            return tables;
        }
    }
}
