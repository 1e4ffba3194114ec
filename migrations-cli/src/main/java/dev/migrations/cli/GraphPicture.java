package dev.migrations.cli;

import dev.migrations.RevisionDiagram;
import dev.migrations.RevisionDiagram.Edge;
import dev.migrations.RevisionDiagram.EdgeKind;
import dev.migrations.RevisionDiagram.Node;
import dev.migrations.RevisionDiagram.State;
import dev.migrations.RevisionInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code graph} command's pictures of a {@link RevisionDiagram}, as Mermaid (which GitHub and
 * GitLab draw in comments and Markdown) and Graphviz DOT. Both draw edges from the older revision to
 * the newer one, the order they run in, so a depends_on edge ranks like a revises edge; it is dashed
 * and labelled. The shape tells a head (rounded), a branch point (hexagon) and a merge (double
 * border); the label repeats it in words with the branch labels; with a database, the fill tells
 * current, applied and pending. Output depends only on the diagram's order, so it is stable text.
 */
final class GraphPicture {
    private GraphPicture() {}

    /** Mermaid fills of the states, and of revisions outside the range. */
    private static final Map<String, String> MERMAID_CLASSES = classes(
            "current", "fill:#1f883d,color:#ffffff,stroke:#116329",
            "applied", "fill:#dafbe1,stroke:#1f883d",
            "pending", "fill:#fff8c5,stroke:#9a6700,stroke-dasharray:4 2",
            "outside", "fill:#f6f8fa,color:#57606a,stroke:#8c959f,stroke-dasharray:2 2");

    /** DOT attributes of the same. */
    private static final Map<String, String> DOT_FILLS = classes(
            "current", "fillcolor=\"#1f883d\", fontcolor=\"#ffffff\"",
            "applied", "fillcolor=\"#dafbe1\"",
            "pending", "fillcolor=\"#fff8c5\"",
            "outside", "fillcolor=\"#f6f8fa\", fontcolor=\"#57606a\", color=\"#8c959f\"");

    static String mermaid(RevisionDiagram diagram) {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        for (Node node : diagram.nodes()) {
            String label = "\"" + mermaidText(String.join("\n", label(node))).replace("\n", "<br/>") + "\"";
            RevisionInfo rev = node.revision();
            String shaped = rev.mergePoint()
                    ? "[[" + label + "]]"
                    : rev.branchPoint() ? "{{" + label + "}}" : rev.head() ? "([" + label + "])" : "[" + label + "]";
            out.append("    ").append(mermaidId(rev.id())).append(shaped).append('\n');
            String cls = styleClass(node);
            if (cls != null) {
                byClass.computeIfAbsent(cls, k -> new ArrayList<>()).add(mermaidId(rev.id()));
            }
        }
        for (Edge edge : diagram.edges()) {
            out.append("    ").append(mermaidId(edge.to()));
            out.append(edge.kind() == EdgeKind.DEPENDS_ON ? " -. depends_on .-> " : " --> ");
            out.append(mermaidId(edge.from())).append('\n');
        }
        for (Map.Entry<String, List<String>> entry : byClass.entrySet()) {
            out.append("    classDef ")
                    .append(entry.getKey())
                    .append(' ')
                    .append(MERMAID_CLASSES.get(entry.getKey()))
                    .append('\n');
            out.append("    class ")
                    .append(String.join(",", entry.getValue()))
                    .append(' ')
                    .append(entry.getKey())
                    .append('\n');
        }
        return out.toString();
    }

    static String dot(RevisionDiagram diagram) {
        StringBuilder out = new StringBuilder("digraph revisions {\n");
        out.append("    rankdir=TB;\n");
        out.append("    node [shape=box, fontname=\"Helvetica\", style=filled, fillcolor=\"#ffffff\"];\n");
        out.append("    edge [fontname=\"Helvetica\"];\n");
        for (Node node : diagram.nodes()) {
            RevisionInfo rev = node.revision();
            List<String> attributes = new ArrayList<>();
            attributes.add("label=" + dotQuote(String.join("\n", label(node))));
            List<String> style = new ArrayList<>(List.of("filled"));
            if (rev.mergePoint()) {
                attributes.add("peripheries=2");
            } else if (rev.branchPoint()) {
                attributes.add("shape=hexagon");
            } else if (rev.head()) {
                style.add("rounded");
            }
            String cls = styleClass(node);
            if (cls != null) {
                attributes.add(DOT_FILLS.get(cls));
            }
            if ("outside".equals(cls) || "pending".equals(cls)) {
                style.add("dashed");
            }
            if (style.size() > 1) {
                attributes.add("style=" + dotQuote(String.join(",", style)));
            }
            out.append("    ").append(dotQuote(rev.id())).append(" [");
            out.append(String.join(", ", attributes)).append("];\n");
        }
        for (Edge edge : diagram.edges()) {
            out.append("    ").append(dotQuote(edge.to())).append(" -> ").append(dotQuote(edge.from()));
            out.append(edge.kind() == EdgeKind.DEPENDS_ON ? " [style=dashed, label=\"depends_on\"];\n" : ";\n");
        }
        return out.append("}\n").toString();
    }

    /** The lines of a revision's label: id, message, what it is in the graph, its state. */
    static List<String> label(Node node) {
        RevisionInfo rev = node.revision();
        List<String> lines = new ArrayList<>();
        lines.add(rev.id());
        if (!rev.message().isEmpty()) {
            lines.add(rev.message());
        }
        List<String> marks = new ArrayList<>();
        if (rev.head()) {
            marks.add(rev.effectiveHead() ? "effective head" : "head");
        }
        if (rev.branchPoint()) {
            marks.add("branchpoint");
        }
        if (rev.mergePoint()) {
            marks.add("mergepoint");
        }
        if (!rev.branchLabels().isEmpty()) {
            marks.add("branch: " + String.join(", ", rev.branchLabels()));
        }
        if (node.state() != null) {
            marks.add(node.state().name().toLowerCase(Locale.ROOT));
        }
        if (!node.inRange()) {
            marks.add("outside the range");
        }
        if (!marks.isEmpty()) {
            lines.add("(" + String.join("; ", marks) + ")");
        }
        return lines;
    }

    private static String styleClass(Node node) {
        if (!node.inRange()) {
            return "outside";
        }
        State state = node.state();
        return state == null ? null : state.name().toLowerCase(Locale.ROOT);
    }

    /** A Mermaid node id: revision ids may hold characters Mermaid reads as syntax. */
    static String mermaidId(String id) {
        StringBuilder out = new StringBuilder("r_");
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            out.append(Character.isLetterOrDigit(c) && c < 128 ? String.valueOf(c) : "_" + (int) c + "_");
        }
        return out.toString();
    }

    /** Text inside a quoted Mermaid label: its entity codes for what would end the label or open a tag. */
    private static String mermaidText(String text) {
        return text.replace("&", "#amp;")
                .replace("\"", "#quot;")
                .replace("<", "#lt;")
                .replace(">", "#gt;");
    }

    private static String dotQuote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static Map<String, String> classes(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
