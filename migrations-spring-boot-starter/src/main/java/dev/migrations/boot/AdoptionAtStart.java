package dev.migrations.boot;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.StartRefusedException;
import dev.migrations.adopt.Adoption;
import dev.migrations.adopt.AdoptionRefusedException;
import dev.migrations.adopt.AdoptionReport;
import dev.migrations.adopt.SourceTool;
import dev.migrations.adopt.ToolHistory;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the start-up run: a database that Flyway or Liquibase migrated, with no version table of this
 * engine, must be adopted first, or the upgrade would run every revision again over the existing schema.
 * With {@code migrations.adopt} naming that tool it is adopted here (when its history matches the
 * imported revisions); otherwise the start is refused with the command that adopts it.
 */
final class AdoptionAtStart {
    /** The property that adopts at start-up: {@code flyway} or {@code liquibase}. */
    static final String PROPERTY = "migrations.adopt";

    private static final Logger LOG = LoggerFactory.getLogger(AdoptionAtStart.class);

    private AdoptionAtStart() {}

    /**
     * Refuses the start, or adopts, when the database has the other tool's history and no version table.
     *
     * @param adopt the tool {@code migrations.adopt} names, or null
     * @throws StartRefusedException naming the command that adopts the database, or why it cannot be adopted
     */
    static void run(Migrations migrations, @Nullable SourceTool adopt, List<ToolHistory> toolHistories) {
        Optional<ToolHistory> found = Adoption.foreignHistory(migrations, toolHistories);
        if (found.isEmpty()) {
            return;
        }
        SourceTool tool = found.get().tool();
        String table = found.get().table();
        if (adopt != tool) {
            throw new StartRefusedException(
                    "The database has " + name(tool) + "'s history table " + table
                            + " and no version table " + migrations.config().versionTable() + ": " + name(tool)
                            + " migrated it, and an upgrade would run every revision again over its schema.",
                    "Adopt it: import the " + name(tool) + " project once ('migrations import " + tool.command()
                            + "', see docs/adoption.md), then run 'migrations --config"
                            + " src/main/resources/application.properties adopt " + tool.command()
                            + (table.equals(tool.historyTable()) ? "" : " --history-table " + table)
                            + "' against this database, or set " + PROPERTY + "=" + tool.command()
                            + " to adopt it at start-up. Nothing was written to the database.");
        }
        try {
            AdoptionReport report = Adoption.adopt(migrations, tool, table);
            if (report.stamped()) {
                LOG.info(
                        "Adopted the database from {}: {} applied migration(s) match the revisions; stamped {}.",
                        name(tool),
                        report.appliedMigrations(),
                        report.revision() == null ? "base" : report.revision());
            } else {
                LOG.info("Another instance adopted the database from {} meanwhile; nothing was stamped.", name(tool));
            }
        } catch (AdoptionRefusedException e) {
            throw new StartRefusedException(
                    e.getMessage(),
                    "Fix what is listed (restore the files that ran, or the history rows), import again if the"
                            + " files changed, then restart; or check with 'migrations adopt " + tool.command()
                            + " --check'.");
        } catch (MigrationsException e) {
            // Another instance stamped between the look above and this adoption's own: nothing is left to adopt.
            if (Adoption.foreignHistory(migrations, toolHistories).isPresent()) {
                throw e;
            }
        }
    }

    private static String name(SourceTool tool) {
        return tool == SourceTool.FLYWAY ? "Flyway" : "Liquibase";
    }
}
