package dev.migrations.internal.schema.diff;

import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.EnumType;
import dev.migrations.spi.model.SchemaModel;
import dev.migrations.spi.model.Sequence;
import dev.migrations.spi.model.Table;
import dev.migrations.spi.model.View;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares two schema models into the changes that turn the first into the second.
 *
 * <pre>{@code
 * List<Change> upgrade = SchemaDiff.compare(database, model);   // what a revision's upgrade does
 * List<Change> downgrade = SchemaDiff.reverse(upgrade);         // and its downgrade
 * }</pre>
 *
 * <p>One comparer per kind of object (enum types, sequences, tables with their columns, constraints
 * and indexes, views); the result is sorted by {@link Change#phase()}, stable within a phase, so
 * enum types and sequences come before the tables that use them and foreign keys after every table,
 * while drops run first, foreign keys first of all.
 */
public final class SchemaDiff {
    private SchemaDiff() {}

    /**
     * The changes from {@code from} to {@code to}, in the order they must run; empty when equal.
     *
     * @param from the current schema (usually the database's)
     * @param to the wanted schema (usually the model's)
     */
    public static List<Change> compare(SchemaModel from, SchemaModel to) {
        List<Change> changes = new ArrayList<>();
        compareEnums(from, to, changes);
        compareSequences(from.sequences(), to.sequences(), changes);
        TableComparer.compare(from.tables(), to.tables(), changes);
        compareViews(from.views(), to.views(), changes);
        return sorted(changes);
    }

    /** The changes that undo {@code changes}: each reversed, in the order they must run. */
    public static List<Change> reverse(List<Change> changes) {
        List<Change> reversed = new ArrayList<>(changes.size());
        for (int i = changes.size() - 1; i >= 0; i--) {
            reversed.add(changes.get(i).reverse());
        }
        return sorted(reversed);
    }

    /** Sorts by phase, keeping the given order within a phase. */
    public static List<Change> sorted(List<Change> changes) {
        List<Change> result = new ArrayList<>(changes);
        result.sort(Comparator.comparingInt(Change::phase));
        return List.copyOf(result);
    }

    private static void compareEnums(SchemaModel from, SchemaModel to, List<Change> out) {
        Matcher<EnumType> enums = new Matcher<>(from.enums(), to.enums(), EnumType::name, null);
        for (EnumType type : enums.added) {
            out.add(new CreateEnum(type));
        }
        for (EnumType type : enums.removed) {
            out.add(new DropEnum(type));
        }
        for (Matcher.Pair<EnumType> pair : enums.matched) {
            if (!pair.from().labels().equals(pair.to().labels())) {
                out.add(new AlterEnum(
                        pair.from(),
                        pair.to(),
                        uses(from, pair.from().name()),
                        uses(to, pair.to().name())));
            }
        }
    }

    /** Columns whose type is the enum type (arrays of it are not converted). */
    private static List<EnumUse> uses(SchemaModel model, String type) {
        List<EnumUse> uses = new ArrayList<>();
        for (Table table : model.tables()) {
            for (Column column : table.columns()) {
                if (column.type().equals(type)) {
                    uses.add(new EnumUse(table.name(), column.name(), column.defaultExpression()));
                }
            }
        }
        return uses;
    }

    private static void compareSequences(List<Sequence> from, List<Sequence> to, List<Change> out) {
        Matcher<Sequence> sequences = new Matcher<>(from, to, Sequence::name, null);
        for (Sequence sequence : sequences.added) {
            out.add(new CreateSequence(sequence));
        }
        for (Sequence sequence : sequences.removed) {
            out.add(new DropSequence(sequence));
        }
        for (Matcher.Pair<Sequence> pair : sequences.matched) {
            if (!pair.from().equals(pair.to())) {
                out.add(new AlterSequence(pair.from(), pair.to()));
            }
        }
    }

    private static void compareViews(List<View> from, List<View> to, List<Change> out) {
        Matcher<View> views = new Matcher<>(from, to, View::name, null);
        for (View view : views.added) {
            out.add(new CreateView(view));
        }
        for (View view : views.removed) {
            out.add(new DropView(view));
        }
        for (Matcher.Pair<View> pair : views.matched) {
            if (!pair.from().definition().equals(pair.to().definition())) {
                out.add(new DropView(pair.from()));
                out.add(new CreateView(pair.to()));
            }
        }
    }
}
