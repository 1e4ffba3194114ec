package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.EnumType;
import java.util.List;
import java.util.Objects;

/**
 * Creates an enum type.
 *
 * @param type the type
 */
public record CreateEnum(EnumType type) implements Change {
    /** Validates. */
    public CreateEnum {
        Objects.requireNonNull(type, "type");
    }

    @Override
    public List<String> render(Operations ops) {
        return ops.createEnum(type);
    }

    @Override
    public Change reverse() {
        return new DropEnum(type);
    }

    @Override
    public String toString() {
        return "add_enum " + type.name() + " " + type.labels();
    }
}
