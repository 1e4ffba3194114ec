package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Sequence;
import java.util.List;
import java.util.Objects;

/**
 * Drops a sequence.
 *
 * @param sequence the dropped sequence's parameters
 */
public record DropSequence(Sequence sequence) implements Change {
    /** Validates. */
    public DropSequence {
        Objects.requireNonNull(sequence, "sequence");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.dropSequence(sequence.name());
    }

    @Override
    public Change reverse() {
        return new CreateSequence(sequence);
    }

    @Override
    public String toString() {
        return "remove_sequence " + sequence.name();
    }
}
