package dev.migrations.maven;

import dev.migrations.Migrations;
import dev.migrations.SchemaChanges;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.jspecify.annotations.Nullable;

/**
 * {@code check}: whether the model and the database at head differ, as {@code migrations check}.
 * Differences (the command line's exit 1) fail the build unless {@code warnOnly}. Bound to {@code
 * verify} by default.
 */
@Mojo(
        name = "check",
        defaultPhase = LifecyclePhase.VERIFY,
        threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMojo extends AbstractMigrationsMojo {
    /** The wanted schema: a SQL file (default {@code db/schema.sql}) or {@code scheme:argument}, e.g. {@code jpa:com.acme}. */
    @Parameter(property = "migrations.model")
    @Nullable
    String model;

    /** Tables and views to leave out of the comparison; {@code *} and {@code ?} are wildcards. */
    @Parameter(property = "migrations.excludeTables")
    @Nullable
    List<String> excludeTables;

    /** Log the differences as a warning instead of failing the build. */
    @Parameter(property = "migrations.warnOnly", defaultValue = "false")
    boolean warnOnly;

    @Override
    void run() throws MojoFailureException {
        Migrations engine = online("check");
        SchemaChanges changes = engine.check(
                Migrations.modelSource(model, settings().classLoader()),
                new LinkedHashSet<>(excludeTables == null ? List.of() : excludeTables));
        if (changes.empty()) {
            getLog().info("No new upgrade operations detected.");
        } else {
            notClean(warnOnly, "New upgrade operations detected: [" + String.join(", ", changes.operations()) + "]");
        }
    }
}
