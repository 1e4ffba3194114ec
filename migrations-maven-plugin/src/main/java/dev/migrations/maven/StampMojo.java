package dev.migrations.maven;

import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code stamp}: sets the version table without running scripts, as {@code migrations stamp REVISION...}. */
@Mojo(name = "stamp", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class StampMojo extends AbstractMigrationsMojo {
    /** The revision(s) to stamp, comma-separated. No default. */
    @Parameter(property = "migrations.target", required = true)
    String target = "";

    /** Empty the version table first (rows the scripts do not know), as {@code stamp --purge}. */
    @Parameter(property = "migrations.purge", defaultValue = "false")
    boolean purge;

    @Override
    void run() {
        List<String> revisions = RunResults.split(target);
        RunResults.log(
                getLog(),
                "Stamped",
                purge
                        ? online("stamp").purgeAndStamp(revisions)
                        : online("stamp").stamp(revisions));
    }
}
