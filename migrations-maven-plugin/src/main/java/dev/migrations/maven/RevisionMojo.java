package dev.migrations.maven;

import dev.migrations.NewRevision;
import dev.migrations.SchemaChanges;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.jspecify.annotations.Nullable;

/** {@code revision}: writes a new revision script, as {@code migrations revision}. */
@Mojo(name = "revision", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class RevisionMojo extends ModelGoal {
    /** The revision's message. */
    @Parameter(property = "migrations.message")
    @Nullable
    String message;

    /** The head to base it on, or {@code <branch>@head}. */
    @Parameter(property = "migrations.head", defaultValue = "head")
    String head = "head";

    /** Allow a non-head revision as {@code head}. */
    @Parameter(property = "migrations.splice", defaultValue = "false")
    boolean splice;

    /** Branch labels for the new revision. */
    @Parameter(property = "migrations.branchLabels")
    @Nullable
    List<String> branchLabels;

    /** Revisions the new one depends on. */
    @Parameter(property = "migrations.dependsOn")
    @Nullable
    List<String> dependsOn;

    /** A given revision id instead of a generated one. */
    @Parameter(property = "migrations.revId")
    @Nullable
    String revId;

    /** The directory to write to (default: the first filesystem location). */
    @Parameter(property = "migrations.versionPath")
    @Nullable
    String versionPath;

    /** Fill the revision with the differences between the database at head and {@code model}. */
    @Parameter(property = "migrations.autogenerate", defaultValue = "false")
    boolean autogenerate;

    @Override
    void run() {
        NewRevision request = new NewRevision(
                message,
                List.of(head),
                splice,
                branchLabels == null ? List.of() : branchLabels,
                dependsOn == null ? List.of() : dependsOn,
                revId,
                versionPath);
        @Nullable Path written;
        if (autogenerate) {
            SchemaChanges changes = online("revision").autogenerate(request, modelSource(), excluded());
            changes.operations().forEach(operation -> getLog().info("Detected " + operation));
            if (!changes.reviews().isEmpty()) {
                getLog().warn(changes.reviews().size() + " item(s) marked '-- REVIEW:' in the revision; read them"
                        + " before applying it");
            }
            written = changes.revisionFile();
        } else {
            written = migrations().revision(request);
        }
        if (written == null) {
            getLog().info("No changes in schema detected.");
        } else {
            getLog().info("Generating " + written.toAbsolutePath() + " ...  done");
        }
    }
}
