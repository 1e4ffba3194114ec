package dev.migrations.internal.command;

import dev.migrations.RevisionDiagram;
import dev.migrations.RevisionDiagram.Edge;
import dev.migrations.RevisionDiagram.EdgeKind;
import dev.migrations.RevisionDiagram.Node;
import dev.migrations.RevisionDiagram.State;
import dev.migrations.RevisionGraph;
import dev.migrations.RevisionInfo;
import dev.migrations.internal.graph.Revision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the {@link RevisionDiagram} of a range: the range's revisions, where it attaches, and states. */
final class Diagrams {
    private final Engine engine;
    private final RevisionGraph graph;

    Diagrams(Engine engine, RevisionGraph graph) {
        this.engine = engine;
        this.graph = graph;
    }

    RevisionDiagram diagram(String range, List<String> currentRows) {
        // history() is newest first in the graph's topological order; a picture reads oldest first.
        List<RevisionInfo> inRange = new ArrayList<>(graph.history(range, currentRows));
        java.util.Collections.reverse(inRange);
        Set<String> ids = new HashSet<>();
        for (RevisionInfo rev : inRange) {
            ids.add(rev.id());
        }
        List<Edge> edges = new ArrayList<>();
        // Outside revisions keep the order in which the range first refers to them.
        Set<String> outside = new LinkedHashSet<>();
        for (RevisionInfo rev : inRange) {
            Revision revision = engine.map().byId(rev.id());
            for (String down : revision.downRevisions()) {
                edges.add(new Edge(rev.id(), down, EdgeKind.REVISES));
            }
            for (String dependency : revision.resolvedDependencies()) {
                if (!revision.downRevisions().contains(dependency)) {
                    edges.add(new Edge(rev.id(), dependency, EdgeKind.DEPENDS_ON));
                }
            }
        }
        for (Edge edge : edges) {
            if (!ids.contains(edge.to())) {
                outside.add(edge.to());
            }
        }
        Map<String, State> states = currentRows == null ? Map.of() : states(currentRows);
        List<Node> nodes = new ArrayList<>();
        for (String id : outside) {
            nodes.add(new Node(engine.info(engine.map().byId(id)), false, states.get(id)));
        }
        for (RevisionInfo rev : inRange) {
            nodes.add(new Node(rev, true, states.get(rev.id())));
        }
        return new RevisionDiagram(nodes, edges, currentRows != null);
    }

    /** Every revision's state against the rows: current (a row's revision), applied below, else pending. */
    private Map<String, State> states(List<String> rows) {
        Set<String> applied = graph.appliedRevisions(rows);
        Set<String> current = new HashSet<>();
        for (RevisionInfo rev : graph.current(rows)) {
            current.add(rev.id());
        }
        Map<String, State> states = new LinkedHashMap<>();
        for (RevisionInfo rev : graph.revisions()) {
            String id = rev.id();
            states.put(id, current.contains(id) ? State.CURRENT : applied.contains(id) ? State.APPLIED : State.PENDING);
        }
        return states;
    }
}
