package dev.migrations.maven;

import dev.migrations.ChecksumMismatch;
import dev.migrations.MigrationStatus;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code status}: whether the database is at the target. Revisions pending (the command line's exit
 * 3) fail the build unless {@code warnOnly}.
 */
@Mojo(name = "status", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class StatusMojo extends AbstractMigrationsMojo {
    /** The target to compare with. */
    @Parameter(property = "migrations.target", defaultValue = "heads")
    String target = "heads";

    /** Log pending revisions as a warning instead of failing the build. */
    @Parameter(property = "migrations.warnOnly", defaultValue = "false")
    boolean warnOnly;

    @Override
    void run() throws MojoFailureException {
        MigrationStatus status = online("status").status(target);
        getLog().info("Current: " + RunResults.revisions(status.current()));
        getLog().info("Target:  " + target
                + (status.targetRevisions().isEmpty() ? "" : " (" + String.join(", ", status.targetRevisions()) + ")"));
        for (ChecksumMismatch mismatch : status.checksumMismatches()) {
            getLog().warn("Changed: " + mismatch.describe());
        }
        if (status.upToDate()) {
            getLog().info("Up to date.");
        } else {
            String unknown = status.unknownRevisions().isEmpty()
                    ? ""
                    : "; the database has revisions the scripts do not know: "
                            + String.join(", ", status.unknownRevisions());
            notClean(
                    warnOnly,
                    "Pending: " + status.pending().size() + " revision(s), in run order: "
                            + String.join(", ", status.pending()) + unknown);
        }
    }
}
