package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import dev.migrations.spi.model.EnumType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Changes an enum type's labels: added labels become {@code ADD VALUE}; a removed or reordered label
 * rebuilds the type (rename, create, convert the columns through text, drop the old type).
 *
 * @param from the old labels
 * @param to the new labels
 * @param usesBefore the columns using the type before the change (converted when it is rebuilt)
 * @param usesAfter the columns using it after the change (for the reverse)
 */
public record AlterEnum(EnumType from, EnumType to, List<EnumUse> usesBefore, List<EnumUse> usesAfter)
        implements Change {
    /** Validates and copies. */
    public AlterEnum {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        usesBefore = List.copyOf(usesBefore);
        usesAfter = List.copyOf(usesAfter);
    }

    /** Whether only labels are added (the old labels keep their order): no rebuild needed. */
    public boolean onlyAdds() {
        int next = 0;
        for (String label : to.labels()) {
            if (next < from.labels().size() && from.labels().get(next).equals(label)) {
                next++;
            }
        }
        return next == from.labels().size();
    }

    @Override
    public List<String> render(Operations ops) {
        List<String> result = new ArrayList<>();
        if (onlyAdds()) {
            List<String> present = new ArrayList<>(from.labels());
            List<String> wanted = to.labels();
            for (int i = 0; i < wanted.size(); i++) {
                String label = wanted.get(i);
                if (!present.contains(label)) {
                    String after = i > 0 ? wanted.get(i - 1) : null;
                    String before = after == null && !present.isEmpty() ? present.get(0) : null;
                    result.addAll(ops.addEnumValue(to.name(), label, before, after));
                    present.add(label);
                }
            }
            return result;
        }
        String old = to.name() + "_old";
        result.addAll(ops.renameType(from.name(), old));
        result.addAll(ops.createEnum(to));
        for (EnumUse use : usesBefore) {
            if (use.defaultExpression() != null) {
                result.addAll(ops.alterColumnDefault(use.table(), use.column(), null));
            }
            String using = ops.name(use.column()) + "::text::" + ops.name(to.name());
            result.addAll(ops.alterColumnType(use.table(), use.column(), ops.name(to.name()), using));
            if (use.defaultExpression() != null) {
                result.addAll(ops.alterColumnDefault(use.table(), use.column(), use.defaultExpression()));
            }
        }
        result.addAll(ops.dropEnum(old));
        return result;
    }

    @Override
    public Change reverse() {
        return new AlterEnum(to, from, usesAfter, usesBefore);
    }

    @Override
    public String toString() {
        return "modify_enum " + to.name() + ": " + from.labels() + " -> " + to.labels();
    }
}
