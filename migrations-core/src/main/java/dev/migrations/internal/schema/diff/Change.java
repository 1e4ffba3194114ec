package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import java.util.List;

/**
 * One schema change found by the diff. Every change can render itself through {@link Operations} and
 * knows its {@link #reverse()}: a drop carries the full definition of what it drops, so its reverse
 * recreates it. {@link #phase()} orders changes so dependencies hold: enum types and sequences, then
 * tables, columns, constraints, indexes, foreign keys and views; drops first, foreign keys first of all.
 */
public sealed interface Change
        permits CreateTable,
                DropTable,
                AddColumn,
                DropColumn,
                AlterColumnType,
                AlterColumnNullability,
                AlterColumnDefault,
                AlterColumnIdentity,
                SetComment,
                CreateIndex,
                DropIndex,
                AddConstraint,
                DropConstraint,
                CreateEnum,
                DropEnum,
                CreateSequence,
                DropSequence,
                AlterSequence,
                CreateView,
                DropView,
                AlterEnum {
    /** The statements, in a dialect. */
    List<String> render(Operations ops);

    /** The change that undoes this one. */
    Change reverse();

    /**
     * One line in Alembic's op vocabulary, e.g. {@code add_column users.email text}. Every change's
     * {@code toString()} is that line.
     */
    default String describe() {
        return toString();
    }

    /**
     * Where the change runs in a list of changes; lower runs first. One table in this package gives
     * each kind of change its phase, in running order; a constraint's depends on whether it is a
     * foreign key.
     */
    default int phase() {
        return Phases.of(this);
    }

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
}
