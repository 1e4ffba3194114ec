package dev.migrations.internal.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One-line graph fixtures: {@code "c:a,b;deps=x;labels=l1"} declares c revising a and b. */
final class Graphs {
    private Graphs() {}

    static RevisionMap graph(String... specs) {
        List<Revision> revisions = new ArrayList<>();
        for (String spec : specs) {
            revisions.add(revision(spec));
        }
        return new RevisionMap(revisions);
    }

    static Revision revision(String spec) {
        String[] parts = spec.split(";");
        String[] idAndDown = parts[0].split(":", -1);
        List<String> down = idAndDown.length > 1 ? list(idAndDown[1]) : List.of();
        List<String> deps = List.of();
        List<String> labels = List.of();
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("deps=")) {
                deps = list(parts[i].substring(5));
            } else if (parts[i].startsWith("labels=")) {
                labels = list(parts[i].substring(7));
            } else {
                throw new IllegalArgumentException(spec);
            }
        }
        return new Revision(idAndDown[0], down, deps, labels);
    }

    private static List<String> list(String csv) {
        if (csv.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(csv.split(","));
    }

    static List<String> ids(List<Revision> revisions) {
        List<String> result = new ArrayList<>();
        for (Revision rev : revisions) {
            result.add(rev == null ? null : rev.id());
        }
        return result;
    }
}
