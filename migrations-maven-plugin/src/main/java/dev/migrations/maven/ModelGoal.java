package dev.migrations.maven;

import dev.migrations.Migrations;
import dev.migrations.spi.ModelSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/** The goals that compare the database with a model ({@code check}, {@code revision} with {@code autogenerate}). */
abstract class ModelGoal extends AbstractMigrationsMojo {
    /** The wanted schema: a SQL file (default {@code db/schema.sql}) or {@code scheme:argument}, e.g. {@code jpa:com.acme}. */
    @Parameter(property = "migrations.model")
    @Nullable
    String model;

    /** Tables and views to leave out of the comparison; {@code *} and {@code ?} are wildcards. */
    @Parameter(property = "migrations.excludeTables")
    @Nullable
    List<String> excludeTables;

    /** The model, loaded with the project's classes. */
    final ModelSource modelSource() {
        return Migrations.modelSource(model, settings().classLoader());
    }

    final Set<String> excluded() {
        return new LinkedHashSet<>(excludeTables == null ? List.of() : excludeTables);
    }
}
