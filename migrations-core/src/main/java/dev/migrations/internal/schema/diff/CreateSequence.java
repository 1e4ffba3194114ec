package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.Sequence;
import java.util.List;
import java.util.Objects;

/**
 * Creates a sequence.
 *
 * @param sequence the sequence
 */
public record CreateSequence(Sequence sequence) implements Change {
    /** Validates. */
    public CreateSequence {
        Objects.requireNonNull(sequence, "sequence");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.createSequence(sequence);
    }

    @Override
    public Change reverse() {
        return new DropSequence(sequence);
    }

    @Override
    public String toString() {
        return "add_sequence " + sequence.name();
    }
}
