package dev.migrations.maven;

import dev.migrations.Migrations;
import dev.migrations.RevisionInfo;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** {@code current}: the database's revisions, as {@code migrations current}. */
@Mojo(name = "current", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class CurrentMojo extends AbstractMigrationsMojo {
    @Override
    void run() {
        Migrations engine = online("current");
        var current = engine.graph().current(engine.currentRows());
        if (current.isEmpty()) {
            getLog().info("Current: base");
        }
        for (RevisionInfo revision : current) {
            getLog().info("Current: " + revision.id() + (revision.head() ? " (head)" : "") + ", " + revision.message());
        }
    }
}
