package dev.migrations.test;

import dev.migrations.spi.model.SchemaModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A database's schema as the kit compares it: the engine's reflected model (tables, columns,
 * constraints, indexes, enum types, sequences, views) and the functions and triggers beside it.
 *
 * @param model the reflected model
 * @param routines functions and triggers
 */
record SchemaState(SchemaModel model, RoutineSnapshot routines) {
    SchemaState {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(routines, "routines");
    }

    /** How {@code actual} differs from this state, one readable line per difference. */
    List<String> differencesTo(SchemaState actual) {
        List<String> lines = new ArrayList<>(SchemaDifferences.between(model, actual.model));
        lines.addAll(routines.differencesTo(actual.routines));
        return lines;
    }
}
