package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Sequence;
import java.util.List;
import java.util.Objects;

/**
 * Changes a sequence's parameters.
 *
 * @param from the old parameters
 * @param to the new parameters
 */
public record AlterSequence(Sequence from, Sequence to) implements Change {
    /** Validates. */
    public AlterSequence {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.alterSequence(to);
    }

    @Override
    public Change reverse() {
        return new AlterSequence(to, from);
    }

    @Override
    public String toString() {
        return "modify_sequence " + to.name();
    }
}
