package dev.migrations.cli;

import static dev.migrations.cli.GraphFixture.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code graph} with a PostgreSQL database at {@code c1} and {@code d1} of {@link GraphFixture}'s
 * graph: both current, {@code a} and {@code b} applied below them, the rest pending.
 */
class GraphCommandIT {
    @TempDir
    Path dir;

    private final TestDatabases databases = new TestDatabases("mig_graph_");

    @AfterEach
    void dropDatabase() throws SQLException {
        databases.dropAll();
    }

    @Test
    void appliedCurrentAndPendingRevisionsAreMarked() throws Exception {
        Path scripts = dir.resolve("db/migrations");
        GraphFixture.write(scripts);
        Map<String, String> env = TestDatabases.env(databases.url("postgresql"));
        assertThat(CliRun.in(scripts, env, "upgrade", "c1").exit()).isZero();
        assertThat(CliRun.in(scripts, env, "upgrade", "d1").exit()).isZero();

        CliRun mermaid = CliRun.in(scripts, env, "graph");
        CliRun dot = CliRun.in(scripts, env, "graph", "--format", "dot");
        CliRun pending = CliRun.in(scripts, env, "graph", "-r", "current:heads");

        assertThat(mermaid.exit()).isZero();
        assertGolden("database.mmd", mermaid.out());
        assertGolden("database.dot", dot.out());
        assertGolden("database-current-heads.mmd", pending.out());
    }
}
