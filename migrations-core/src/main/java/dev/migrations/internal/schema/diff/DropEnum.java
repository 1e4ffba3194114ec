package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.EnumType;
import java.util.List;
import java.util.Objects;

/**
 * Drops an enum type.
 *
 * @param type the dropped type's labels
 */
public record DropEnum(EnumType type) implements Change {
    /** Validates. */
    public DropEnum {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.dropEnum(type.name());
    }

    @Override
    public Change reverse() {
        return new CreateEnum(type);
    }

    @Override
    public String toString() {
        return "remove_enum " + type.name();
    }
}
