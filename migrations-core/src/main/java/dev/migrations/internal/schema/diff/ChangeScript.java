package dev.migrations.internal.schema.diff;

import dev.migrations.spi.Operations;
import java.util.List;

/** Renders changes as the SQL of a revision section, each preceded by its {@code -- REVIEW:} notes. */
public final class ChangeScript {
    private ChangeScript() {}

    /**
     * The statements of the changes, one per line ending with {@code ;}, review notes as comments.
     *
     * @param changes the changes in running order
     * @param ops the dialect's operations
     * @return the SQL text, empty when there are no changes
     */
    public static String render(List<Change> changes, Operations ops) {
        StringBuilder sql = new StringBuilder();
        for (Change change : changes) {
            for (String note : Reviews.of(change, changes)) {
                sql.append("-- REVIEW: ").append(note).append('\n');
            }
            for (String statement : change.render(ops)) {
                sql.append(statement).append(";\n");
            }
        }
        return sql.toString();
    }

    /** How many review notes the changes carry. */
    public static int reviewCount(List<Change> changes) {
        int count = 0;
        for (Change change : changes) {
            count += Reviews.of(change, changes).size();
        }
        return count;
    }
}
