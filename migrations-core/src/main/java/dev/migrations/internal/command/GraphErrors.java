package dev.migrations.internal.command;

import dev.migrations.MigrationsException;
import dev.migrations.internal.graph.MultipleHeadsException;
import dev.migrations.internal.graph.RevisionGraphException;
import dev.migrations.internal.script.RevisionScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Adds what to change and the scripts' paths to errors found while building the graph. */
final class GraphErrors {
    private GraphErrors() {}

    /** For an error of one script (a revision that revises itself): its path. */
    static <T> T call(RevisionScript script, Supplier<T> action) {
        try {
            return action.get();
        } catch (RevisionGraphException e) {
            throw translate(e, script == null ? List.of() : List.of(script.path()));
        }
    }

    /** For an error of the whole graph: the paths of the revisions at fault. */
    static <T> T call(Map<String, RevisionScript> byId, Supplier<T> action) {
        try {
            return action.get();
        } catch (RevisionGraphException e) {
            List<String> paths = new ArrayList<>();
            for (String id : e.atFault()) {
                RevisionScript script = byId.get(id);
                if (script != null && !paths.contains(script.path())) {
                    paths.add(script.path());
                }
            }
            throw translate(e, paths);
        }
    }

    private static MigrationsException translate(RevisionGraphException e, List<String> paths) {
        String message = e.getMessage()
                + (e.advice() == null ? "" : "; " + e.advice())
                + (paths.isEmpty() ? "" : " (" + String.join(", ", paths) + ")");
        if (e instanceof MultipleHeadsException heads) {
            return new dev.migrations.MultipleHeadsException(message, heads.heads(), e);
        }
        return new MigrationsException(message, e);
    }
}
