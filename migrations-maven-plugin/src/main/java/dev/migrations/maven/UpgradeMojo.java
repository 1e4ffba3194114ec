package dev.migrations.maven;

import dev.migrations.MigrationResult;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code upgrade}: runs the scripts up to the target on the database, as {@code migrations upgrade TARGET}. */
@Mojo(name = "upgrade", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class UpgradeMojo extends AbstractMigrationsMojo {
    /** The revision to upgrade to: {@code heads}, {@code head}, {@code +1}, {@code ae10}, {@code label@head}. */
    @Parameter(property = "migrations.target", defaultValue = "heads")
    String target = "heads";

    @Override
    void run() {
        MigrationResult result = online("upgrade").upgrade(RunResults.singleTarget(target));
        RunResults.log(getLog(), "Upgraded", result);
    }
}
