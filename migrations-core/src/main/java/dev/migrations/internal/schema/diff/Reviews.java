package dev.migrations.internal.schema.diff;

import dev.migrations.spi.model.CheckConstraint;
import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a human must look at before a generated change runs: possible renames (a drop and a similar
 * add, which as generated lose the data), type changes that rewrite the table or narrow it, data loss,
 * NOT NULL on a populated column, constraints that existing rows may violate.
 */
public final class Reviews {
    private static final Pattern SIZED = Pattern.compile("([a-z ]+)\\((\\d+)(?:,(\\d+))?\\)");
    private static final Map<String, Integer> INTEGER_WIDTH =
            Map.of("smallint", 2, "integer", 4, "bigint", 8, "smallserial", 2, "serial", 4, "bigserial", 8);
    private static final double RENAME_SIMILARITY = 0.5;

    private Reviews() {}

    /** The review notes for one change of a list (the list is needed to spot renames). */
    public static List<String> of(Change change, List<Change> all) {
        List<String> notes = new ArrayList<>();
        if (change instanceof DropTable drop) {
            notes.add("drops table " + drop.table().name() + " and all its data");
            for (Change other : all) {
                if (other instanceof CreateTable create && similar(drop, create)) {
                    notes.add(renameNote(
                            "table", drop.table().name(), create.table().name()));
                }
            }
        } else if (change instanceof CreateTable create) {
            for (Change other : all) {
                if (other instanceof DropTable drop && similar(drop, create)) {
                    notes.add(renameNote(
                            "table", drop.table().name(), create.table().name()));
                }
            }
        } else if (change instanceof DropColumn drop) {
            notes.add("drops column " + drop.table() + "." + drop.column().name() + " and its data");
            for (Change other : all) {
                if (other instanceof AddColumn add && similar(drop, add)) {
                    notes.add(renameNote("column", qualified(drop), qualified(add)));
                }
            }
        } else if (change instanceof AddColumn add) {
            addColumnNotes(add, all, notes);
        } else if (change instanceof AlterColumnType type) {
            typeNotes(type, notes);
        } else if (change instanceof AlterColumnNullability nullability && !nullability.to()) {
            notes.add(nullability.table() + "." + nullability.column()
                    + " becomes NOT NULL: fails if existing rows hold NULL; backfill them first");
        } else if (change instanceof AlterEnum alter && !alter.onlyAdds()) {
            notes.add("rebuilds enum type " + alter.to().name() + " (labels removed or reordered): fails if rows"
                    + " use a removed label");
        } else if (change instanceof DropSequence drop) {
            notes.add("drops sequence " + drop.sequence().name() + "; its current value is lost");
        } else if (change instanceof AddConstraint add
                && (add.constraint() instanceof UniqueConstraint || add.constraint() instanceof CheckConstraint)
                && !createdInSameList(add.table(), all)) {
            notes.add("adds " + add.constraint().name() + " to existing table " + add.table()
                    + ": fails if existing rows violate it");
        }
        return notes;
    }

    private static void addColumnNotes(AddColumn add, List<Change> all, List<String> notes) {
        Column column = add.column();
        if (!column.nullable()
                && column.defaultExpression() == null
                && column.identity() == null
                && column.generatedExpression() == null
                && !column.type().endsWith("serial")) {
            notes.add("adds NOT NULL column " + qualified(add) + " without a default: fails if " + add.table()
                    + " has rows; give it a default or add it nullable, backfill, then set NOT NULL");
        }
        for (Change other : all) {
            if (other instanceof DropColumn drop && similar(drop, add)) {
                notes.add(renameNote("column", qualified(drop), qualified(add)));
            }
        }
    }

    private static void typeNotes(AlterColumnType type, List<String> notes) {
        String column = type.table() + "." + type.column();
        if (narrows(type.from(), type.to())) {
            notes.add("narrows " + column + " from " + type.from() + " to " + type.to()
                    + ": can lose data or fail on existing values");
        } else if (!widensInPlace(type.from(), type.to())) {
            notes.add("changes the type of " + column + " from " + type.from() + " to " + type.to()
                    + ": rewrites the table under an ACCESS EXCLUSIVE lock and fails if a value does not convert");
        }
    }

    /** Whether PostgreSQL changes the type without rewriting the table (longer varchar, varchar to text). */
    static boolean widensInPlace(String from, String to) {
        Matcher f = SIZED.matcher(from);
        Matcher t = SIZED.matcher(to);
        if (f.matches() && to.equals("text") && f.group(1).startsWith("character varying")) {
            return true;
        }
        if (f.matches() && t.matches() && f.group(1).equals(t.group(1))) {
            boolean sameScale = java.util.Objects.equals(f.group(3), t.group(3));
            return sameScale && Long.parseLong(t.group(2)) >= Long.parseLong(f.group(2));
        }
        return from.startsWith("character varying") && to.equals("character varying");
    }

    /** Whether the new type holds less than the old one. */
    static boolean narrows(String from, String to) {
        Matcher f = SIZED.matcher(from);
        Matcher t = SIZED.matcher(to);
        if (f.matches() && t.matches() && f.group(1).equals(t.group(1))) {
            long fScale = f.group(3) == null ? 0 : Long.parseLong(f.group(3));
            long tScale = t.group(3) == null ? 0 : Long.parseLong(t.group(3));
            return Long.parseLong(t.group(2)) < Long.parseLong(f.group(2)) || tScale < fScale;
        }
        if ((from.equals("text") || from.equals("character varying")) && t.matches()) {
            return true;
        }
        Integer fWidth = INTEGER_WIDTH.get(from);
        Integer tWidth = INTEGER_WIDTH.get(to);
        if (fWidth != null && tWidth != null) {
            return tWidth < fWidth;
        }
        return (from.startsWith("numeric") || from.equals("double precision") || from.equals("real")) && tWidth != null;
    }

    private static boolean similar(DropTable drop, CreateTable create) {
        Set<String> before = columnNames(drop.table().columns());
        Set<String> after = columnNames(create.table().columns());
        Set<String> common = new HashSet<>(before);
        common.retainAll(after);
        return common.size() >= RENAME_SIMILARITY * Math.max(before.size(), after.size());
    }

    private static boolean similar(DropColumn drop, AddColumn add) {
        return drop.table().equals(add.table())
                && drop.column().type().equals(add.column().type());
    }

    private static boolean createdInSameList(String table, List<Change> all) {
        for (Change change : all) {
            if (change instanceof CreateTable create && create.table().name().equals(table)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> columnNames(List<Column> columns) {
        Set<String> names = new HashSet<>();
        for (Column column : columns) {
            names.add(column.name());
        }
        return names;
    }

    private static String qualified(DropColumn drop) {
        return drop.table() + "." + drop.column().name();
    }

    private static String qualified(AddColumn add) {
        return add.table() + "." + add.column().name();
    }

    private static String renameNote(String kind, String from, String to) {
        return "possible rename of " + kind + " " + from + " to " + to + ": review (as generated, " + from
                + " is dropped with its data and " + to + " is created empty; a rename would be ALTER ... RENAME)";
    }
}
