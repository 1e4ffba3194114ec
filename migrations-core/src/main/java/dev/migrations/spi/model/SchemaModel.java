package dev.migrations.spi.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A schema: its tables, enum types, sequences and views, each list sorted by name so two reflections
 * of the same schema are equal.
 *
 * @param tables the tables
 * @param enums the enum types (PostgreSQL)
 * @param sequences the sequences not owned by a column (serial and identity sequences belong to
 *     their column)
 * @param views the views
 */
public record SchemaModel(List<Table> tables, List<EnumType> enums, List<Sequence> sequences, List<View> views) {
    /** Copies the lists. */
    public SchemaModel {
        tables = List.copyOf(tables);
        enums = List.copyOf(enums);
        sequences = List.copyOf(sequences);
        views = List.copyOf(views);
    }

    /** An empty schema. */
    public static SchemaModel empty() {
        return new SchemaModel(List.of(), List.of(), List.of(), List.of());
    }

    /** The table with this name, or null. */
    public @Nullable Table table(String name) {
        for (Table table : tables) {
            if (table.name().equals(Objects.requireNonNull(name))) {
                return table;
            }
        }
        return null;
    }

    /** How many objects the schema holds (tables, enums, sequences, views). */
    public int size() {
        return tables.size() + enums.size() + sequences.size() + views.size();
    }
}
