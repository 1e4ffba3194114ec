package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.View;
import java.util.List;
import java.util.Objects;

/**
 * Creates a view.
 *
 * @param view the view
 */
public record CreateView(View view) implements Change {
    /** Validates. */
    public CreateView {
        Objects.requireNonNull(view, "view");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.createView(view);
    }

    @Override
    public Change reverse() {
        return new DropView(view);
    }

    @Override
    public String toString() {
        return "add_view " + view.name();
    }
}
