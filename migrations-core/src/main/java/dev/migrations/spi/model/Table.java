package dev.migrations.spi.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A table.
 *
 * @param name the table's name as the catalog stores it
 * @param columns the columns in their order
 * @param primaryKey the primary key, or null
 * @param uniques unique constraints
 * @param foreignKeys foreign keys
 * @param indexes indexes that do not back a primary key or unique constraint
 * @param checks check constraints
 * @param comment the table's comment, or null
 */
public record Table(
        String name,
        List<Column> columns,
        @Nullable PrimaryKey primaryKey,
        List<UniqueConstraint> uniques,
        List<ForeignKey> foreignKeys,
        List<Index> indexes,
        List<CheckConstraint> checks,
        @Nullable String comment) {
    /** Validates the name and copies the lists. */
    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        uniques = List.copyOf(uniques);
        foreignKeys = List.copyOf(foreignKeys);
        indexes = List.copyOf(indexes);
        checks = List.copyOf(checks);
    }

    /**
     * A table with columns only, to build on with the {@code with...} methods, e.g. {@code
     * Table.of("users", Column.of("id", "bigint").notNull()).withPrimaryKey("id")}.
     */
    public static Table of(String name, Column... columns) {
        return new Table(name, Arrays.asList(columns), null, List.of(), List.of(), List.of(), List.of(), null);
    }

    /** The column with this name, or null. */
    public @Nullable Column column(String columnName) {
        for (Column column : columns) {
            if (column.name().equals(columnName)) {
                return column;
            }
        }
        return null;
    }

    /** A copy with a primary key named {@code <table>_pkey} on these columns. */
    public Table withPrimaryKey(String... columnNames) {
        return new Table(
                name,
                columns,
                new PrimaryKey(name + "_pkey", Arrays.asList(columnNames)),
                uniques,
                foreignKeys,
                indexes,
                checks,
                comment);
    }

    /** A copy with one more unique constraint. */
    public Table with(UniqueConstraint unique) {
        return new Table(name, columns, primaryKey, plus(uniques, unique), foreignKeys, indexes, checks, comment);
    }

    /** A copy with one more foreign key. */
    public Table with(ForeignKey foreignKey) {
        return new Table(name, columns, primaryKey, uniques, plus(foreignKeys, foreignKey), indexes, checks, comment);
    }

    /** A copy with one more index. */
    public Table with(Index index) {
        return new Table(name, columns, primaryKey, uniques, foreignKeys, plus(indexes, index), checks, comment);
    }

    /** A copy with one more check constraint. */
    public Table with(CheckConstraint check) {
        return new Table(name, columns, primaryKey, uniques, foreignKeys, indexes, plus(checks, check), comment);
    }

    /** A copy with this comment (null removes it). */
    public Table withComment(@Nullable String value) {
        return new Table(name, columns, primaryKey, uniques, foreignKeys, indexes, checks, value);
    }

    /** Every constraint of the table: primary key, uniques, checks, foreign keys. */
    public List<Constraint> constraints() {
        List<Constraint> result = new ArrayList<>();
        if (primaryKey != null) {
            result.add(primaryKey);
        }
        result.addAll(uniques);
        result.addAll(checks);
        result.addAll(foreignKeys);
        return result;
    }

    private static <T> List<T> plus(List<T> list, T item) {
        List<T> result = new ArrayList<>(list);
        result.add(Objects.requireNonNull(item));
        return result;
    }
}
