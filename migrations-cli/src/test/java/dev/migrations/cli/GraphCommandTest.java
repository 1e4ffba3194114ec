package dev.migrations.cli;

import static dev.migrations.cli.GraphFixture.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code graph} without a database: golden pictures of {@link GraphFixture}'s graph, whole and in a range. */
class GraphCommandTest {
    @TempDir
    Path dir;

    private Path scripts;

    @BeforeEach
    void writeScripts() throws IOException {
        scripts = dir.resolve("db/migrations");
        GraphFixture.write(scripts);
    }

    private String graph(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "graph";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun run = CliRun.in(scripts, Map.of(), all);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        return run.out();
    }

    @Test
    void mermaidShowsHeadsBranchPointsMergesLabelsAndDependencies() {
        assertGolden("all.mmd", graph());
        assertThat(graph("--format", "mermaid")).isEqualTo(graph());
    }

    @Test
    void dotShowsTheSame() {
        assertGolden("all.dot", graph("--format", "dot"));
    }

    @Test
    void aRangeShowsItsRevisionsAndWhatTheyBuildOn() {
        assertGolden("range-c1-heads.mmd", graph("-r", "c1:heads"));
        assertGolden("range-c1-heads.dot", graph("-r", "c1:heads", "--format", "dot"));
    }

    @Test
    void theOutputIsTheSameEveryTime() {
        assertThat(graph("--format", "dot")).isEqualTo(graph("--format", "dot"));
    }

    @Test
    void jsonIsRefused() {
        CliRun run = CliRun.in(scripts, Map.of(), "--format", "json", "graph");
        assertThat(run.exit()).isEqualTo(MigrationsCommand.EXIT_USAGE);
    }
}
