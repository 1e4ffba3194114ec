package dev.migrations.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code downgrade}: reverts the database to an earlier revision, as {@code migrations downgrade TARGET}. */
@Mojo(name = "downgrade", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class DowngradeMojo extends AbstractMigrationsMojo {
    /** The revision to revert to: {@code -1}, {@code base}, {@code ae10}, {@code label@-1}. No default. */
    @Parameter(property = "migrations.target", required = true)
    String target = "";

    @Override
    void run() {
        RunResults.log(getLog(), "Downgraded", online("downgrade").downgrade(RunResults.singleTarget(target)));
    }
}
