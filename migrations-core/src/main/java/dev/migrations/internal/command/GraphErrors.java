package dev.migrations.internal.command;

import dev.migrations.MigrationsException;
import dev.migrations.internal.graph.MultipleHeadsException;
import dev.migrations.internal.graph.RevisionGraphException;
import dev.migrations.internal.script.RevisionScript;
import java.util.function.Supplier;

/** Adds the script's path to errors found while building the graph. */
final class GraphErrors {
    private GraphErrors() {}

    static <T> T call(RevisionScript script, Supplier<T> action) {
        try {
            return action.get();
        } catch (RevisionGraphException e) {
            String where = script == null ? "" : " (" + script.path() + ")";
            if (e instanceof MultipleHeadsException heads) {
                throw new dev.migrations.MultipleHeadsException(e.getMessage() + where, heads.heads(), e);
            }
            throw new MigrationsException(e.getMessage() + where, e);
        }
    }
}
