package dev.migrations.spi.model;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key.
 *
 * @param name the constraint's name
 * @param columns the referencing columns in order
 * @param referencedTable the referenced table (qualified only when it is in another schema)
 * @param referencedColumns the referenced columns in order
 * @param onDelete the ON DELETE action ({@code NO ACTION}, {@code RESTRICT}, {@code CASCADE}, {@code SET
 *     NULL}, {@code SET DEFAULT})
 * @param onUpdate the ON UPDATE action
 */
public record ForeignKey(
        String name,
        List<String> columns,
        String referencedTable,
        List<String> referencedColumns,
        String onDelete,
        String onUpdate)
        implements Constraint {
    /** Validates and copies; null actions mean {@code NO ACTION}. */
    public ForeignKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(referencedTable, "referencedTable");
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        onDelete = onDelete == null ? "NO ACTION" : onDelete;
        onUpdate = onUpdate == null ? "NO ACTION" : onUpdate;
        if (columns.isEmpty() || columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException(
                    "foreign key " + name + " needs as many referenced columns as columns, and at least one");
        }
    }

    /** A foreign key with {@code NO ACTION} actions. */
    public static ForeignKey of(String name, List<String> columns, String referencedTable, List<String> referenced) {
        return new ForeignKey(name, columns, referencedTable, referenced, "NO ACTION", "NO ACTION");
    }

    @Override
    public String definition() {
        return "FOREIGN KEY (" + String.join(", ", columns) + ") REFERENCES " + referencedTable + " ("
                + String.join(", ", referencedColumns) + ") ON DELETE " + onDelete + " ON UPDATE " + onUpdate;
    }
}
