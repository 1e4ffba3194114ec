package dev.migrations.schema.diff;

import dev.migrations.schema.model.Column;
import dev.migrations.schema.model.Constraint;
import dev.migrations.schema.model.EnumType;
import dev.migrations.schema.model.ForeignKey;
import dev.migrations.schema.model.Identity;
import dev.migrations.schema.model.Index;
import dev.migrations.schema.model.Sequence;
import dev.migrations.schema.model.Table;
import dev.migrations.schema.model.View;
import dev.migrations.schema.ops.Operations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One schema change found by the diff. Every change can render itself through {@link Operations} and
 * knows its {@link #reverse()}: a drop carries the full definition of what it drops, so its reverse
 * recreates it. {@link #phase()} orders changes so dependencies hold: enum types and sequences, then
 * tables, columns, constraints, indexes, foreign keys and views; drops first, foreign keys first of all.
 */
public sealed interface Change {
    /** The statements, in a dialect. */
    List<String> render(Operations ops);

    /** The change that undoes this one. */
    Change reverse();

    /** One line in Alembic's op vocabulary, e.g. {@code add_column users.email text}. */
    String describe();

    /** Where the change runs in a list of changes; lower runs first. */
    int phase();

    // Phases: drops (foreign keys first), then creates in dependency order, then drops of types. Columns
    // are altered before new ones are added: a new generated column may use an altered one.
    int DROP_VIEW = 0;
    int DROP_FOREIGN_KEY = 1;
    int DROP_INDEX = 2;
    int DROP_CONSTRAINT = 3;
    int DROP_COLUMN = 4;
    int DROP_TABLE = 5;
    int ALTER_ENUM = 8;
    int CREATE_TYPE = 9;
    int CREATE_TABLE = 10;
    int ALTER_COLUMN = 11;
    int ADD_COLUMN = 12;
    int COMMENT = 13;
    int ADD_CONSTRAINT = 14;
    int CREATE_INDEX = 15;
    int ADD_FOREIGN_KEY = 16;
    int CREATE_VIEW = 17;
    int DROP_TYPE = 18;

    /**
     * Creates a table with its columns, primary key, unique and check constraints and comments; its
     * indexes and foreign keys are separate changes.
     *
     * @param table the table, without indexes and foreign keys
     */
    record CreateTable(Table table) implements Change {
        /** Validates. */
        public CreateTable {
            Objects.requireNonNull(table, "table");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.createTable(table);
        }

        @Override
        public Change reverse() {
            return new DropTable(table);
        }

        @Override
        public String describe() {
            List<String> columns = new ArrayList<>();
            for (Column column : table.columns()) {
                columns.add(column.name() + " " + column.type());
            }
            return "add_table " + table.name() + " (" + String.join(", ", columns) + ")";
        }

        @Override
        public int phase() {
            return CREATE_TABLE;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Drops a table.
     *
     * @param table the dropped table's full definition (without indexes and foreign keys, dropped as
     *     separate changes)
     */
    record DropTable(Table table) implements Change {
        /** Validates. */
        public DropTable {
            Objects.requireNonNull(table, "table");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.dropTable(table.name());
        }

        @Override
        public Change reverse() {
            return new CreateTable(table);
        }

        @Override
        public String describe() {
            return "remove_table " + table.name();
        }

        @Override
        public int phase() {
            return DROP_TABLE;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Adds a column.
     *
     * @param table the table
     * @param column the new column
     */
    record AddColumn(String table, Column column) implements Change {
        /** Validates. */
        public AddColumn {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.addColumn(table, column);
        }

        @Override
        public Change reverse() {
            return new DropColumn(table, column);
        }

        @Override
        public String describe() {
            return "add_column " + table + "." + column.name() + " " + column.type()
                    + (column.nullable() ? "" : " NOT NULL");
        }

        @Override
        public int phase() {
            return ADD_COLUMN;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Drops a column.
     *
     * @param table the table
     * @param column the dropped column's full definition
     */
    record DropColumn(String table, Column column) implements Change {
        /** Validates. */
        public DropColumn {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.dropColumn(table, column.name());
        }

        @Override
        public Change reverse() {
            return new AddColumn(table, column);
        }

        @Override
        public String describe() {
            return "remove_column " + table + "." + column.name();
        }

        @Override
        public int phase() {
            return DROP_COLUMN;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Changes a column's type.
     *
     * @param table the table
     * @param column the column
     * @param from the old type
     * @param to the new type
     */
    record AlterColumnType(String table, String column, String from, String to) implements Change {
        /** Validates. */
        public AlterColumnType {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.alterColumnType(table, column, to);
        }

        @Override
        public Change reverse() {
            return new AlterColumnType(table, column, to, from);
        }

        @Override
        public String describe() {
            return "modify_type " + table + "." + column + ": " + from + " -> " + to;
        }

        @Override
        public int phase() {
            return ALTER_COLUMN;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Allows or forbids NULL in a column.
     *
     * @param table the table
     * @param column the column
     * @param from whether NULL was allowed
     * @param to whether NULL is allowed
     */
    record AlterColumnNullability(String table, String column, boolean from, boolean to) implements Change {
        /** Validates. */
        public AlterColumnNullability {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.alterColumnNullable(table, column, to);
        }

        @Override
        public Change reverse() {
            return new AlterColumnNullability(table, column, to, from);
        }

        @Override
        public String describe() {
            return "modify_nullable " + table + "." + column + ": " + from + " -> " + to;
        }

        @Override
        public int phase() {
            return ALTER_COLUMN;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Changes a column's default.
     *
     * @param table the table
     * @param column the column
     * @param from the old default expression, or null
     * @param to the new default expression, or null
     */
    record AlterColumnDefault(String table, String column, String from, String to) implements Change {
        /** Validates. */
        public AlterColumnDefault {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.alterColumnDefault(table, column, to);
        }

        @Override
        public Change reverse() {
            return new AlterColumnDefault(table, column, to, from);
        }

        @Override
        public String describe() {
            return "modify_default " + table + "." + column + ": " + from + " -> " + to;
        }

        @Override
        public int phase() {
            return ALTER_COLUMN;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Makes a column an identity column, changes how it generates, or drops its identity.
     *
     * @param table the table
     * @param column the column
     * @param from the old identity, or null
     * @param to the new identity, or null
     */
    record AlterColumnIdentity(String table, String column, Identity from, Identity to) implements Change {
        /** Validates. */
        public AlterColumnIdentity {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.alterColumnIdentity(table, column, from, to);
        }

        @Override
        public Change reverse() {
            return new AlterColumnIdentity(table, column, to, from);
        }

        @Override
        public String describe() {
            return "modify_identity " + table + "." + column + ": " + from + " -> " + to;
        }

        @Override
        public int phase() {
            return ALTER_COLUMN;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Sets a table's or a column's comment.
     *
     * @param table the table
     * @param column the column, or null for the table's comment
     * @param from the old comment, or null
     * @param to the new comment, or null
     */
    record SetComment(String table, String column, String from, String to) implements Change {
        /** Validates. */
        public SetComment {
            Objects.requireNonNull(table, "table");
        }

        @Override
        public List<String> render(Operations ops) {
            return column == null ? ops.setTableComment(table, to) : ops.setColumnComment(table, column, to);
        }

        @Override
        public Change reverse() {
            return new SetComment(table, column, to, from);
        }

        @Override
        public String describe() {
            return (column == null ? "modify_table_comment " + table : "modify_comment " + table + "." + column) + ": "
                    + from + " -> " + to;
        }

        @Override
        public int phase() {
            return COMMENT;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Creates an index.
     *
     * @param table the table
     * @param index the index
     */
    record CreateIndex(String table, Index index) implements Change {
        /** Validates. */
        public CreateIndex {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(index, "index");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.createIndex(table, index);
        }

        @Override
        public Change reverse() {
            return new DropIndex(table, index);
        }

        @Override
        public String describe() {
            return "add_index " + index.name() + " on " + table + " " + index.definition();
        }

        @Override
        public int phase() {
            return CREATE_INDEX;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Drops an index.
     *
     * @param table the table
     * @param index the dropped index's full definition
     */
    record DropIndex(String table, Index index) implements Change {
        /** Validates. */
        public DropIndex {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(index, "index");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.dropIndex(index.name());
        }

        @Override
        public Change reverse() {
            return new CreateIndex(table, index);
        }

        @Override
        public String describe() {
            return "remove_index " + index.name() + " on " + table;
        }

        @Override
        public int phase() {
            return DROP_INDEX;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Adds a primary key, unique, check or foreign-key constraint.
     *
     * @param table the table
     * @param constraint the constraint
     */
    record AddConstraint(String table, Constraint constraint) implements Change {
        /** Validates. */
        public AddConstraint {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(constraint, "constraint");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.addConstraint(table, constraint);
        }

        @Override
        public Change reverse() {
            return new DropConstraint(table, constraint);
        }

        @Override
        public String describe() {
            return (constraint instanceof ForeignKey ? "add_fk " : "add_constraint ") + constraint.name() + " on "
                    + table + " " + constraint.definition();
        }

        @Override
        public int phase() {
            return constraint instanceof ForeignKey ? ADD_FOREIGN_KEY : ADD_CONSTRAINT;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Drops a constraint.
     *
     * @param table the table
     * @param constraint the dropped constraint's full definition
     */
    record DropConstraint(String table, Constraint constraint) implements Change {
        /** Validates. */
        public DropConstraint {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(constraint, "constraint");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.dropConstraint(table, constraint.name());
        }

        @Override
        public Change reverse() {
            return new AddConstraint(table, constraint);
        }

        @Override
        public String describe() {
            return (constraint instanceof ForeignKey ? "remove_fk " : "remove_constraint ") + constraint.name() + " on "
                    + table;
        }

        @Override
        public int phase() {
            return constraint instanceof ForeignKey ? DROP_FOREIGN_KEY : DROP_CONSTRAINT;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Creates an enum type.
     *
     * @param type the type
     */
    record CreateEnum(EnumType type) implements Change {
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
        public String describe() {
            return "add_enum " + type.name() + " " + type.labels();
        }

        @Override
        public int phase() {
            return CREATE_TYPE;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Drops an enum type.
     *
     * @param type the dropped type's labels
     */
    record DropEnum(EnumType type) implements Change {
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
        public String describe() {
            return "remove_enum " + type.name();
        }

        @Override
        public int phase() {
            return DROP_TYPE;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Creates a sequence.
     *
     * @param sequence the sequence
     */
    record CreateSequence(Sequence sequence) implements Change {
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
        public String describe() {
            return "add_sequence " + sequence.name();
        }

        @Override
        public int phase() {
            return CREATE_TYPE;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Drops a sequence.
     *
     * @param sequence the dropped sequence's parameters
     */
    record DropSequence(Sequence sequence) implements Change {
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
        public String describe() {
            return "remove_sequence " + sequence.name();
        }

        @Override
        public int phase() {
            return DROP_TYPE;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Changes a sequence's parameters.
     *
     * @param from the old parameters
     * @param to the new parameters
     */
    record AlterSequence(Sequence from, Sequence to) implements Change {
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
        public String describe() {
            return "modify_sequence " + to.name();
        }

        @Override
        public int phase() {
            return CREATE_TYPE;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Creates a view.
     *
     * @param view the view
     */
    record CreateView(View view) implements Change {
        /** Validates. */
        public CreateView {
            Objects.requireNonNull(view, "view");
        }

        @Override
        public List<String> render(Operations ops) {
            return ops.createView(view);
        }

        @Override
        public Change reverse() {
            return new DropView(view);
        }

        @Override
        public String describe() {
            return "add_view " + view.name();
        }

        @Override
        public int phase() {
            return CREATE_VIEW;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * Drops a view.
     *
     * @param view the dropped view's definition
     */
    record DropView(View view) implements Change {
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
        public String describe() {
            return "remove_view " + view.name();
        }

        @Override
        public int phase() {
            return DROP_VIEW;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /**
     * A column whose type is an enum type, with its default (re-set when the type is rebuilt).
     *
     * @param table the table
     * @param column the column
     * @param defaultExpression the column's default, or null
     */
    record EnumUse(String table, String column, String defaultExpression) {
        /** Validates. */
        public EnumUse {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }
    }

    /**
     * Changes an enum type's labels: added labels become {@code ADD VALUE}; a removed or reordered label
     * rebuilds the type (rename, create, convert the columns through text, drop the old type).
     *
     * @param from the old labels
     * @param to the new labels
     * @param usesBefore the columns using the type before the change (converted when it is rebuilt)
     * @param usesAfter the columns using it after the change (for the reverse)
     */
    record AlterEnum(EnumType from, EnumType to, List<EnumUse> usesBefore, List<EnumUse> usesAfter) implements Change {
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
        public String describe() {
            return "modify_enum " + to.name() + ": " + from.labels() + " -> " + to.labels();
        }

        @Override
        public int phase() {
            return ALTER_ENUM;
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
