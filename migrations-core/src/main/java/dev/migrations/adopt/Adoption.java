package dev.migrations.adopt;

import dev.migrations.Migrations;
import dev.migrations.internal.adopt.Adopter;
import dev.migrations.internal.adopt.FlywayImporter;
import dev.migrations.internal.adopt.LiquibaseImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Taking over from Flyway or Liquibase in two steps: import the project's migrations as revision scripts
 * (once, then review and commit them), then adopt each database, which checks its history against them
 * and stamps the version table without running anything.
 *
 * <pre>{@code
 * Adoption.importFlyway(new FlywayProject(List.of(Path.of("src/main/resources/db/migration")), List.of(), null),
 *         Path.of("db/migrations"));
 * Migrations m = Migrations.configure().dataSource(ds).locations("filesystem:db/migrations").load();
 * Adoption.adopt(m, SourceTool.FLYWAY, null); // stamps at the last version Flyway applied
 * }</pre>
 */
public final class Adoption {
    private Adoption() {}

    /**
     * Writes one revision script per versioned Flyway migration into {@code target}, which must hold no
     * {@code .sql} file yet. Nothing is written when any script cannot be read or two share a version.
     */
    public static ImportResult importFlyway(FlywayProject project, Path target) {
        return FlywayImporter.run(project, target);
    }

    /**
     * Writes one revision script per changeset of a Liquibase changelog into {@code target}; changesets
     * other than SQL are refused, naming file, id and author, and then nothing is written.
     */
    public static ImportResult importLiquibase(LiquibaseChangelog changelog, Path target) {
        return LiquibaseImporter.run(changelog, target);
    }

    /**
     * Compares the database's history with the imported revisions of {@code migrations}, writing nothing.
     *
     * @param historyTable the tool's history table ({@code schema.table} allowed), or null for its default
     */
    public static AdoptionReport check(Migrations migrations, SourceTool tool, @Nullable String historyTable) {
        return new Adopter(migrations, tool, historyTable).check();
    }

    /**
     * Checks as {@link #check} does, then stamps the version table at the revision of the last migration the
     * tool applied. The tool's table is left as it is.
     *
     * @throws AdoptionRefusedException listing every mismatch, failed or missing migration; nothing is written
     * @throws dev.migrations.MigrationsException when the database has a version table already
     */
    public static AdoptionReport adopt(Migrations migrations, SourceTool tool, @Nullable String historyTable) {
        return new Adopter(migrations, tool, historyTable).adopt();
    }

    /**
     * The first of {@code candidates} whose history table the database has while it has no version-table row
     * of this engine, if any: such a database must be adopted before this engine runs on it.
     */
    public static Optional<ToolHistory> foreignHistory(Migrations migrations, List<ToolHistory> candidates) {
        return Adopter.foreignHistory(migrations, candidates);
    }

    /** {@link #foreignHistory(Migrations, List)} over both tools' default tables. */
    public static Optional<ToolHistory> foreignHistory(Migrations migrations) {
        return foreignHistory(
                migrations, List.of(ToolHistory.of(SourceTool.FLYWAY), ToolHistory.of(SourceTool.LIQUIBASE)));
    }
}
