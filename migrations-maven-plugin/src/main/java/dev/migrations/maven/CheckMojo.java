package dev.migrations.maven;

import dev.migrations.Migrations;
import dev.migrations.SchemaChanges;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

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
public class CheckMojo extends ModelGoal {

    /** Log the differences as a warning instead of failing the build. */
    @Parameter(property = "migrations.warnOnly", defaultValue = "false")
    boolean warnOnly;

    @Override
    void run() throws MojoFailureException {
        Migrations engine = online("check");
        SchemaChanges changes = engine.check(modelSource(), excluded());
        if (changes.empty()) {
            getLog().info("No new upgrade operations detected.");
        } else {
            notClean(warnOnly, "New upgrade operations detected: [" + String.join(", ", changes.operations()) + "]");
        }
    }
}
