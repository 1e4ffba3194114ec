package dev.migrations.spi.model;

import java.util.Objects;

/**
 * A view.
 *
 * @param name the view's name
 * @param definition its query as the database prints it ({@code pg_get_viewdef})
 */
public record View(String name, String definition) {
    /** Validates. */
    public View {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }
}
