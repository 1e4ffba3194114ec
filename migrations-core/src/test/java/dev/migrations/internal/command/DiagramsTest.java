package dev.migrations.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrations.Migrations;
import dev.migrations.RevisionDiagram;
import dev.migrations.RevisionDiagram.Edge;
import dev.migrations.RevisionDiagram.EdgeKind;
import dev.migrations.RevisionDiagram.Node;
import dev.migrations.RevisionDiagram.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code RevisionGraph.diagram}: two roots, {@code a - b} and {@code x} (labelled {@code billing}),
 * where {@code b} depends on the label; {@code c} revises {@code b}.
 */
class DiagramsTest {
    @TempDir
    Path dir;

    private Migrations migrations;

    @BeforeEach
    void writeScripts() throws IOException {
        script("a", "", "", "");
        script("x", "", "billing", "");
        script("b", "a", "", "billing");
        script("c", "b", "", "");
        migrations = Migrations.configure().locations(dir.toString()).load();
    }

    private void script(String id, String revises, String labels, String dependsOn) throws IOException {
        String text = "-- " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + revises + "\n"
                + (labels.isEmpty() ? "" : "-- Branch Labels: " + labels + "\n")
                + (dependsOn.isEmpty() ? "" : "-- Depends On: " + dependsOn + "\n")
                + "\n-- migrate:upgrade\nSELECT 1;\n\n-- migrate:downgrade\nSELECT 1;\n";
        Files.writeString(dir.resolve(id + ".sql"), text, StandardCharsets.UTF_8);
    }

    @Test
    void aDependencyOnALabelIsAnEdgeToTheRevisionItNames() {
        RevisionDiagram diagram = migrations.graph().diagram(null, null);

        assertThat(diagram.withDatabase()).isFalse();
        assertThat(diagram.nodes()).allMatch(n -> n.inRange() && n.state() == null);
        assertThat(diagram.nodes()).map(n -> n.revision().id()).containsExactlyInAnyOrder("a", "x", "b", "c");
        assertThat(diagram.edges())
                .containsExactlyInAnyOrder(
                        new Edge("b", "a", EdgeKind.REVISES),
                        new Edge("b", "x", EdgeKind.DEPENDS_ON),
                        new Edge("c", "b", EdgeKind.REVISES));
    }

    @Test
    void aRangeBringsTheRevisionsItBuildsOnMarkedOutside() {
        RevisionDiagram diagram = migrations.graph().diagram("c:heads", null);

        assertThat(diagram.nodes())
                .map(n -> n.revision().id() + (n.inRange() ? "" : " outside"))
                .containsExactly("b outside", "c");
        assertThat(diagram.edges()).containsExactly(new Edge("c", "b", EdgeKind.REVISES));
    }

    @Test
    void rowsMarkCurrentAppliedAndPendingAsCurrentReducesThemToBranchTips() {
        RevisionDiagram diagram = migrations.graph().diagram(null, List.of("b"));

        assertThat(diagram.withDatabase()).isTrue();
        assertThat(diagram.nodes())
                .map(Node::state)
                .containsExactlyElementsOf(diagram.nodes().stream()
                        .map(n -> switch (n.revision().id()) {
                            // x is what the rows amount to on billing's branch: its applied tip.
                            case "b", "x" -> State.CURRENT;
                            case "c" -> State.PENDING;
                            default -> State.APPLIED;
                        })
                        .toList());
    }
}
