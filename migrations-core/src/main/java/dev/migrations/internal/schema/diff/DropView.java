package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.View;
import java.util.List;
import java.util.Objects;

/**
 * Drops a view.
 *
 * @param view the dropped view's definition
 */
public record DropView(View view) implements Change {
    /** Validates. */
    public DropView {
        Objects.requireNonNull(view, "view");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.dropView(view.name());
    }

    @Override
    public Change reverse() {
        return new CreateView(view);
    }

    @Override
    public String toString() {
        return "remove_view " + view.name();
    }
}
