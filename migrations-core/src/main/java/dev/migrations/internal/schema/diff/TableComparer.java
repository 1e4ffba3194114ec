package dev.migrations.internal.schema.diff;

import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.Constraint;
import dev.migrations.spi.model.ForeignKey;
import dev.migrations.spi.model.Index;
import dev.migrations.spi.model.Table;
import java.util.List;
import java.util.Objects;

/** Compares tables: which are created or dropped, and for common ones their columns, constraints, indexes, comment. */
final class TableComparer {
    private TableComparer() {}

    static void compare(List<Table> from, List<Table> to, List<Change> out) {
        Matcher<Table> tables = new Matcher<>(from, to, Table::name, null);
        for (Table table : tables.added) {
            out.add(new CreateTable(bare(table)));
            for (Index index : table.indexes()) {
                out.add(new CreateIndex(table.name(), index));
            }
            for (ForeignKey fk : table.foreignKeys()) {
                out.add(new AddConstraint(table.name(), fk));
            }
        }
        for (Table table : tables.removed) {
            for (ForeignKey fk : table.foreignKeys()) {
                out.add(new DropConstraint(table.name(), fk));
            }
            for (Index index : table.indexes()) {
                out.add(new DropIndex(table.name(), index));
            }
            out.add(new DropTable(bare(table)));
        }
        for (Matcher.Pair<Table> pair : tables.matched) {
            compareTable(pair.from(), pair.to(), out);
        }
    }

    /** The table without indexes and foreign keys, which are changes of their own. */
    static Table bare(Table table) {
        return new Table(
                table.name(),
                table.columns(),
                table.primaryKey(),
                table.uniques(),
                List.of(),
                List.of(),
                table.checks(),
                table.comment());
    }

    private static void compareTable(Table from, Table to, List<Change> out) {
        String name = to.name();
        Matcher<Column> columns = new Matcher<>(from.columns(), to.columns(), Column::name, null);
        for (Column column : columns.added) {
            out.add(new AddColumn(name, column));
        }
        for (Column column : columns.removed) {
            out.add(new DropColumn(name, column));
        }
        for (Matcher.Pair<Column> pair : columns.matched) {
            ColumnComparer.compare(name, pair.from(), pair.to(), out);
        }
        Matcher<Constraint> constraints =
                new Matcher<>(from.constraints(), to.constraints(), Constraint::name, Constraint::definition);
        for (Matcher.Pair<Constraint> pair : constraints.matched) {
            if (!pair.from().definition().equals(pair.to().definition())) {
                out.add(new DropConstraint(name, pair.from()));
                out.add(new AddConstraint(name, pair.to()));
            }
        }
        for (Constraint constraint : constraints.removed) {
            out.add(new DropConstraint(name, constraint));
        }
        for (Constraint constraint : constraints.added) {
            out.add(new AddConstraint(name, constraint));
        }
        Matcher<Index> indexes = new Matcher<>(from.indexes(), to.indexes(), Index::name, Index::definition);
        for (Matcher.Pair<Index> pair : indexes.matched) {
            if (!pair.from().definition().equals(pair.to().definition())) {
                out.add(new DropIndex(name, pair.from()));
                out.add(new CreateIndex(name, pair.to()));
            }
        }
        for (Index index : indexes.removed) {
            out.add(new DropIndex(name, index));
        }
        for (Index index : indexes.added) {
            out.add(new CreateIndex(name, index));
        }
        if (!Objects.equals(from.comment(), to.comment())) {
            out.add(new SetComment(name, null, from.comment(), to.comment()));
        }
    }
}
