package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import java.util.List;
import java.util.Objects;

/**
 * Sets a table's or a column's comment.
 *
 * @param table the table
 * @param column the column, or null for the table's comment
 * @param from the old comment, or null
 * @param to the new comment, or null
 */
public record SetComment(String table, String column, String from, String to) implements Change {
    /** Validates. */
    public SetComment {
        Objects.requireNonNull(table, "table");
    }

    @Override
    public List<String> render(Operations ops) {
        return column == null ? ops.setTableComment(table, to) : ops.setColumnComment(table, column, to);
    }

    @Override
    public Change reverse() {
        return new SetComment(table, column, to, from);
    }

    @Override
    public String toString() {
        return (column == null ? "modify_table_comment " + table : "modify_comment " + table + "." + column) + ": "
                + from + " -> " + to;
    }
}
