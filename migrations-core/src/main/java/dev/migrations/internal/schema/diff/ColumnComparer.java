package dev.migrations.internal.schema.diff;

import dev.migrations.spi.model.Column;
import java.util.List;
import java.util.Objects;

/** Compares two versions of a column: type, nullability, default, identity, generated expression, comment. */
final class ColumnComparer {
    private ColumnComparer() {}

    static void compare(String table, Column from, Column to, List<Change> out) {
        String name = to.name();
        boolean wasGenerated = from.generatedExpression() != null;
        boolean isGenerated = to.generatedExpression() != null;
        if ((wasGenerated || isGenerated) && !Objects.equals(from.generatedExpression(), to.generatedExpression())) {
            // A generation expression cannot be altered in place (before PostgreSQL 17): rebuild the column.
            out.add(new DropColumn(table, from));
            out.add(new AddColumn(table, to));
            return;
        }
        if (!from.type().equals(to.type())) {
            out.add(new AlterColumnType(table, name, from.type(), to.type()));
        }
        if (from.identity() != to.identity()) {
            out.add(new AlterColumnIdentity(table, name, from.identity(), to.identity()));
        }
        if (!Objects.equals(from.defaultExpression(), to.defaultExpression())) {
            out.add(new AlterColumnDefault(table, name, from.defaultExpression(), to.defaultExpression()));
        }
        if (from.nullable() != to.nullable()) {
            out.add(new AlterColumnNullability(table, name, from.nullable(), to.nullable()));
        }
        if (!Objects.equals(from.comment(), to.comment())) {
            out.add(new SetComment(table, name, from.comment(), to.comment()));
        }
    }
}
