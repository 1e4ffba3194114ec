package dev.migrations.maven;

import dev.migrations.MigrationsConfig;
import dev.migrations.cli.Settings;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The connection and script parameters every goal shares, and how they become the command line's
 * {@link Settings}: the POM or {@code -D} value takes the place of the command-line option, so the
 * precedence is the CLI's (explicit, then {@code MIGRATIONS_*} environment variables, then {@code
 * configFile}, then defaults). Blank values count as not given, since {@code -Dmigrations.url=} is how a
 * user clears a POM value.
 *
 * @param url the JDBC URL
 * @param user the database user
 * @param password the database password
 * @param locations script locations; relative filesystem ones are taken from {@code basedir}
 * @param versionTable the version table
 * @param schema the version table's schema
 * @param configFile an application.properties or application.yml read as {@code --config}
 * @param dialect the database offline SQL is written for
 * @param javaPackages packages scanned for Java migrations
 * @param classpath the project's compiled classes and dependencies (entries that do not exist are left out)
 * @param basedir the project's directory
 */
record GoalParameters(
        @Nullable String url,
        @Nullable String user,
        @Nullable String password,
        List<String> locations,
        @Nullable String versionTable,
        @Nullable String schema,
        @Nullable File configFile,
        @Nullable String dialect,
        List<String> javaPackages,
        List<String> classpath,
        Path basedir) {

    /** Where scripts are when neither the POM nor {@code configFile} says: the project's resources. */
    static final String DEFAULT_LOCATIONS_DIR = "src/main/resources/db/migrations";

    private static final String FILESYSTEM = "filesystem:";

    GoalParameters {
        locations = nonBlank(locations);
        javaPackages = nonBlank(javaPackages);
        classpath = nonBlank(classpath);
    }

    /** The settings, resolved as the command line resolves its options. */
    Settings resolve(Map<String, String> env) {
        Settings first = Settings.resolve(given(locations), env);
        // The CLI's default is relative to where it runs; Maven may run from a reactor's root, and a
        // Maven project keeps scripts in its resources.
        boolean defaulted = locations.isEmpty() && first.locations().equals(List.of(MigrationsConfig.DEFAULT_LOCATION));
        List<String> resolved = new ArrayList<>();
        if (defaulted) {
            resolved.add(FILESYSTEM + basedir.resolve(DEFAULT_LOCATIONS_DIR).normalize());
        } else {
            for (String location : first.locations()) {
                resolved.add(fromBasedir(location));
            }
        }
        return Settings.resolve(given(resolved), env);
    }

    private Settings.Given given(List<String> scriptLocations) {
        List<String> existing = new ArrayList<>();
        for (String entry : classpath) {
            if (new File(entry).exists()) {
                existing.add(entry);
            }
        }
        return new Settings.Given(
                blankToNull(url),
                blankToNull(user),
                blankToNull(password),
                configFile == null ? null : configFile.toPath(),
                scriptLocations,
                blankToNull(versionTable),
                blankToNull(schema),
                blankToNull(dialect),
                null,
                null,
                null,
                null,
                null,
                javaPackages,
                existing,
                null,
                null,
                null,
                null);
    }

    /** A relative filesystem location taken from the project's directory, not Maven's working directory. */
    private String fromBasedir(String location) {
        if (location.startsWith("classpath:")) {
            return location;
        }
        String dir = location.startsWith(FILESYSTEM) ? location.substring(FILESYSTEM.length()) : location;
        Path path = Path.of(dir);
        return path.isAbsolute() ? location : FILESYSTEM + basedir.resolve(path).normalize();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> nonBlank(@Nullable List<String> values) {
        List<String> result = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    result.add(value.strip());
                }
            }
        }
        return List.copyOf(result);
    }

    @Override
    public String toString() {
        return "GoalParameters[url=" + (url == null ? null : "<set>") + ", password="
                + (password == null ? null : "***") + ", locations=" + locations + ", configFile=" + configFile + "]";
    }
}
