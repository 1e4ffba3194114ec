package dev.migrations.test;

import dev.migrations.internal.schema.diff.AddColumn;
import dev.migrations.internal.schema.diff.AddConstraint;
import dev.migrations.internal.schema.diff.AlterColumnDefault;
import dev.migrations.internal.schema.diff.AlterColumnIdentity;
import dev.migrations.internal.schema.diff.AlterColumnNullability;
import dev.migrations.internal.schema.diff.AlterColumnType;
import dev.migrations.internal.schema.diff.AlterEnum;
import dev.migrations.internal.schema.diff.Change;
import dev.migrations.internal.schema.diff.CreateEnum;
import dev.migrations.internal.schema.diff.CreateIndex;
import dev.migrations.internal.schema.diff.CreateSequence;
import dev.migrations.internal.schema.diff.CreateTable;
import dev.migrations.internal.schema.diff.CreateView;
import dev.migrations.internal.schema.diff.DropColumn;
import dev.migrations.internal.schema.diff.DropConstraint;
import dev.migrations.internal.schema.diff.DropEnum;
import dev.migrations.internal.schema.diff.DropIndex;
import dev.migrations.internal.schema.diff.DropSequence;
import dev.migrations.internal.schema.diff.DropTable;
import dev.migrations.internal.schema.diff.DropView;
import dev.migrations.internal.schema.diff.SchemaDiff;
import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.SchemaModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Says how a reflected schema differs from the one expected, in words about the schema rather than
 * about the operations that would fix it: {@code table orders still has column processed_at
 * (timestamp without time zone)} instead of {@code add_column orders.processed_at}.
 */
final class SchemaDifferences {
    private SchemaDifferences() {}

    /** One line per difference between {@code expected} and {@code actual}; empty when they are equal. */
    static List<String> between(SchemaModel expected, SchemaModel actual) {
        List<String> lines = new ArrayList<>();
        // The changes that turn what was expected into what is there: what is extra, lost or altered.
        for (Change change : SchemaDiff.compare(expected, actual)) {
            lines.add(describe(change));
        }
        return lines;
    }

    static String describe(Change change) {
        if (change instanceof CreateTable c) {
            return "table " + c.table().name() + " still exists";
        } else if (change instanceof DropTable c) {
            return "table " + c.table().name() + " is missing";
        } else if (change instanceof AddColumn c) {
            return "table " + c.table() + " still has column " + c.column().name() + " (" + column(c.column()) + ")";
        } else if (change instanceof DropColumn c) {
            return "table " + c.table() + " lost column " + c.column().name() + " (" + column(c.column()) + ")";
        } else if (change instanceof AlterColumnType c) {
            return "column " + c.table() + "." + c.column() + " has type " + c.to() + ", was " + c.from();
        } else if (change instanceof AlterColumnNullability c) {
            return "column " + c.table() + "." + c.column() + " is " + nullability(c.to()) + ", was "
                    + nullability(c.from());
        } else if (change instanceof AlterColumnDefault c) {
            return "column " + c.table() + "." + c.column() + " has default " + c.to() + ", was " + c.from();
        } else if (change instanceof AlterColumnIdentity c) {
            return "column " + c.table() + "." + c.column() + " has identity " + c.to() + ", was " + c.from();
        } else if (change instanceof CreateIndex c) {
            return "table " + c.table() + " still has index " + c.index().name() + " ("
                    + c.index().definition() + ")";
        } else if (change instanceof DropIndex c) {
            return "table " + c.table() + " lost index " + c.index().name() + " ("
                    + c.index().definition() + ")";
        } else if (change instanceof AddConstraint c) {
            return "table " + c.table() + " still has constraint "
                    + c.constraint().name() + " (" + c.constraint().definition() + ")";
        } else if (change instanceof DropConstraint c) {
            return "table " + c.table() + " lost constraint " + c.constraint().name() + " ("
                    + c.constraint().definition() + ")";
        } else if (change instanceof CreateEnum c) {
            return "enum type " + c.type().name() + " still exists";
        } else if (change instanceof DropEnum c) {
            return "enum type " + c.type().name() + " is missing";
        } else if (change instanceof AlterEnum c) {
            return "enum type " + c.to().name() + " has labels " + c.to().labels() + ", was "
                    + c.from().labels();
        } else if (change instanceof CreateSequence c) {
            return "sequence " + c.sequence().name() + " still exists";
        } else if (change instanceof DropSequence c) {
            return "sequence " + c.sequence().name() + " is missing";
        } else if (change instanceof CreateView c) {
            return "view " + c.view().name() + " still exists";
        } else if (change instanceof DropView c) {
            return "view " + c.view().name() + " is missing";
        }
        // Sequence settings, comments and anything added later: the engine's own wording.
        return change.describe();
    }

    private static String column(Column column) {
        return column.type()
                + (column.nullable() ? "" : " not null")
                + (column.defaultExpression() == null ? "" : " default " + column.defaultExpression());
    }

    private static String nullability(boolean nullable) {
        return nullable ? "nullable" : "not null";
    }
}
