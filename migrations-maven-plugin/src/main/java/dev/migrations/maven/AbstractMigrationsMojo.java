package dev.migrations.maven;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.cli.Settings;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * What every goal shares: the connection and script parameters, each also a {@code -Dmigrations.<name>}
 * user property, and the command line's exit semantics as build results. An error the command line
 * prints as {@code FAILED: <message>} (exit 255) fails the build with that message; anything else
 * is a bug and stops the build as an execution error.
 */
abstract class AbstractMigrationsMojo extends AbstractMojo {
    /** JDBC URL of the database; else {@code MIGRATIONS_URL}, else {@code spring.datasource.url} of {@code configFile}. */
    @Parameter(property = "migrations.url")
    @Nullable
    String url;

    /** Database user; else {@code MIGRATIONS_USER}, else {@code spring.datasource.username}. */
    @Parameter(property = "migrations.user")
    @Nullable
    String user;

    /** Database password; else {@code MIGRATIONS_PASSWORD}, else {@code spring.datasource.password}. Never logged. */
    @Parameter(property = "migrations.password")
    @Nullable
    String password;

    /**
     * Where scripts live ({@code filesystem:} or {@code classpath:}); else {@code migrations.locations}
     * of {@code configFile}, else the project's {@code src/main/resources/db/migrations}.
     */
    @Parameter(property = "migrations.locations")
    @Nullable
    List<String> locations;

    /** The version table; else {@code migrations.version-table}, else {@code alembic_version}. */
    @Parameter(property = "migrations.versionTable")
    @Nullable
    String versionTable;

    /** The version table's schema; else {@code migrations.schema}, else the connection's. */
    @Parameter(property = "migrations.schema")
    @Nullable
    String schema;

    /** A Spring Boot application.properties or application.yml, read as the command line's {@code --config}. */
    @Parameter(property = "migrations.configFile")
    @Nullable
    File configFile;

    /** Packages scanned for Java migrations; else {@code migrations.java-packages} of {@code configFile}. */
    @Parameter(property = "migrations.javaPackages")
    @Nullable
    List<String> javaPackages;

    /** Skips the goal. */
    @Parameter(property = "migrations.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    @Nullable
    File basedir;

    /** The project's classes and compile dependencies: Java migrations, entities and {@code classpath:} scripts. */
    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true)
    @Nullable
    List<String> classpathElements;

    /** The environment; tests give their own. */
    Map<String, String> env = System.getenv();

    private @Nullable Settings settings;
    private @Nullable Migrations migrations;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping: migrations.skip is set");
            return;
        }
        try {
            run();
        } catch (MigrationsException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoExecutionException(
                    "This is a bug in migrations; rerun with -e for the stack trace and report it: " + e, e);
        }
    }

    /** The goal's work; a {@link MigrationsException} fails the build with its message. */
    abstract void run() throws MojoFailureException;

    /** The goal's parameters that every goal shares. */
    final GoalParameters parameters() {
        return new GoalParameters(
                url,
                user,
                password,
                locations == null ? List.of() : locations,
                versionTable,
                schema,
                configFile,
                dialect(),
                javaPackages == null ? List.of() : javaPackages,
                classpathElements == null ? List.of() : classpathElements,
                (basedir == null ? new File(".") : basedir).toPath().toAbsolutePath());
    }

    /** The database offline SQL is written for; only the {@code sql} goal has a parameter for it. */
    @Nullable
    String dialect() {
        return null;
    }

    final Settings settings() {
        Settings resolved = settings;
        if (resolved == null) {
            resolved = parameters().resolve(env);
            settings = resolved;
        }
        return resolved;
    }

    /** The engine over the scripts, loaded once per goal. */
    final Migrations migrations() {
        Migrations engine = migrations;
        if (engine == null) {
            engine = Migrations.load(settings().migrationsConfig());
            migrations = engine;
        }
        return engine;
    }

    /**
     * The engine with its database; fails naming the parameters when none is configured. A fleet of
     * tenants named in the environment or {@code configFile} gets a warning: the goal runs on this one
     * database, and a build that passes must not read as the tenants migrated.
     */
    final Migrations online(String goal) {
        if (settings().url() == null) {
            throw new MigrationsException("'migrations:" + goal + "' needs a database connection: give url"
                    + " (-Dmigrations.url, or MIGRATIONS_URL, or configFile with spring.datasource.url)");
        }
        Settings.fleetNamedBy(configFile == null ? null : configFile.toPath(), env)
                .ifPresent(where -> getLog().warn("'" + where + "' names a fleet of tenants, but 'migrations:" + goal
                        + "' runs on one database (url) and not on them: run the command line over the tenants"
                        + " (bin/migrations --config <file> " + goal + ", or the container image with"
                        + " MIGRATIONS_TENANTS_*), or let the Spring Boot starter migrate them at start-up"));
        return migrations();
    }

    /**
     * What the command line exits 1 or 3 with (pending revisions, lint findings, model differences):
     * a failed build, or with {@code warnOnly} a warning.
     */
    final void notClean(boolean warnOnly, String message) throws MojoFailureException {
        if (warnOnly) {
            getLog().warn(message);
        } else {
            throw new MojoFailureException(message);
        }
    }
}
