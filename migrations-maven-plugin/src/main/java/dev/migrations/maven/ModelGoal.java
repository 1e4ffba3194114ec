package dev.migrations.maven;

import dev.migrations.Migrations;
import dev.migrations.spi.ModelSource;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
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

    /** The model file the command line reads by default, here taken from the project's directory. */
    static final String DEFAULT_MODEL = "db/schema.sql";

    /** A model-source module's {@code scheme:argument}; a one-letter "scheme" is a Windows drive. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    /** The model, loaded with the project's classes; a file is taken from the project's directory. */
    final ModelSource modelSource() {
        return Migrations.modelSource(
                modelOption(model, parameters().basedir()), settings().classLoader());
    }

    static String modelOption(@Nullable String model, Path basedir) {
        String option = model == null || model.isBlank() ? DEFAULT_MODEL : model.strip();
        return SCHEME.matcher(option).matches()
                ? option
                : basedir.resolve(option).normalize().toString();
    }

    final Set<String> excluded() {
        return new LinkedHashSet<>(excludeTables == null ? List.of() : excludeTables);
    }
}
