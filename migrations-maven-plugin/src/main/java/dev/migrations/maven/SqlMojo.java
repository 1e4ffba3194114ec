package dev.migrations.maven;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.jspecify.annotations.Nullable;

/**
 * {@code sql}: writes the offline SQL script of an upgrade, downgrade or stamp to a file, as {@code
 * migrations upgrade TARGET --sql} prints it. Needs no database.
 */
@Mojo(name = "sql", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class SqlMojo extends AbstractMigrationsMojo {
    /** Which command's script: {@code upgrade}, {@code downgrade} or {@code stamp}. */
    @Parameter(property = "migrations.sqlCommand", defaultValue = "upgrade")
    String sqlCommand = "upgrade";

    /** The revision, or {@code START:END} ({@code downgrade} needs a range; {@code stamp} takes several, comma-separated). */
    @Parameter(property = "migrations.target", defaultValue = "heads")
    String target = "heads";

    /** The file the script is written to. */
    @Parameter(property = "migrations.sqlOutput", defaultValue = "${project.build.directory}/migrations/upgrade.sql")
    @Nullable
    File sqlOutput;

    /** The database the script is for: {@code postgresql} or {@code h2} (default: from {@code url}, else PostgreSQL). */
    @Parameter(property = "migrations.dialect")
    @Nullable
    String dialect;

    @Override
    @Nullable
    String dialect() {
        return dialect;
    }

    @Override
    void run() {
        settings().requireSqlDialect();
        Migrations engine = migrations();
        String script =
                switch (sqlCommand.strip().toLowerCase(Locale.ROOT)) {
                    case "upgrade" -> engine.upgradeSql(target);
                    case "downgrade" -> engine.downgradeSql(target);
                    case "stamp" -> engine.stampSql(RunResults.split(target));
                    default ->
                        throw new MigrationsException(
                                "sqlCommand must be upgrade, downgrade or stamp, not '" + sqlCommand + "'");
                };
        Path output = (sqlOutput == null ? new File("migrations.sql") : sqlOutput).toPath();
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MigrationsException("Cannot write the SQL script to " + output + ": " + e, e);
        }
        getLog().info("Wrote the " + sqlCommand + " " + target + " script to " + output);
    }
}
