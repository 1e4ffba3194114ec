package dev.migrations.internal.adopt;

import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.adopt.AdoptionProblem;
import dev.migrations.adopt.AdoptionProblem.Kind;
import dev.migrations.adopt.AdoptionRefusedException;
import dev.migrations.adopt.AdoptionReport;
import dev.migrations.adopt.SourceTool;
import dev.migrations.adopt.ToolHistory;
import dev.migrations.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Checks a database's Flyway or Liquibase history against the imported revisions and stamps the version
 * table at the last applied one. Only reads until every check passed; never writes the tool's table.
 */
public final class Adopter {
    private final Migrations migrations;
    private final SourceTool tool;
    private final String table;

    /**
     * @param historyTable the tool's table ({@code schema.table} allowed), or null for its default
     */
    public Adopter(Migrations migrations, SourceTool tool, @Nullable String historyTable) {
        this.migrations = migrations;
        this.tool = tool;
        this.table = historyTable == null ? tool.historyTable() : historyTable;
    }

    /** The check alone: what adopting would stamp, or why it cannot. */
    public AdoptionReport check() {
        DataSource dataSource = dataSource(migrations);
        List<Provenance.Imported> imported = Provenance.read(migrations, tool == SourceTool.FLYWAY);
        if (imported.isEmpty()) {
            throw new MigrationsException("No revision in "
                    + migrations.config().locations() + " was imported from "
                    + name() + "; run 'migrations import " + tool.command() + "' first, or give the scripts' directory"
                    + " with --location");
        }
        List<HistoryTable.Row> rows = HistoryTable.read(dataSource, tool, table);
        return compare(imported, rows);
    }

    /**
     * Checks, then stamps.
     *
     * @throws AdoptionRefusedException when the history does not match; nothing is written then
     */
    public AdoptionReport adopt() {
        List<String> current = migrations.currentRows();
        if (!current.isEmpty()) {
            throw new MigrationsException("The database has a version table already, at " + String.join(", ", current)
                    + "; it was adopted (or created by this engine) before. Use 'current' and 'upgrade' from here.");
        }
        AdoptionReport report = check();
        if (!report.adoptable()) {
            throw new AdoptionRefusedException(report);
        }
        // Decided under the migration lock: of two runs adopting at once, the second finds the first's row
        // and stamps nothing, so it cannot move a version table the first has already upgraded past.
        MigrationResult stamp =
                migrations.stampIfEmpty(List.of(report.revision() == null ? "base" : report.revision()));
        return new AdoptionReport(
                tool,
                report.historyTable(),
                report.appliedMigrations(),
                List.of(),
                report.revision(),
                stamp.before().isEmpty());
    }

    private AdoptionReport compare(List<Provenance.Imported> imported, List<HistoryTable.Row> rows) {
        Map<String, Provenance.Imported> byKey = new HashMap<>();
        for (Provenance.Imported migration : imported) {
            byKey.put(migration.key(), migration);
        }
        FlywayVersion baseline = importBaseline(imported);
        List<AdoptionProblem> problems = new ArrayList<>();
        Set<String> applied = new HashSet<>();
        Set<String> mismatched = new HashSet<>();
        int last = -1;
        for (HistoryTable.Row row : rows) {
            Provenance.Imported migration = byKey.get(row.key());
            switch (row.status()) {
                case IGNORED -> {
                    continue;
                }
                case FAILED ->
                    problems.add(new AdoptionProblem(
                            Kind.FAILED,
                            row.name(),
                            row.description(),
                            null,
                            null,
                            "the tool recorded a failed run: finish or undo it by hand, then "
                                    + (tool == SourceTool.FLYWAY
                                            ? "remove the failed row with 'flyway repair'"
                                            : "delete its FAILED row from " + table)
                                    + " and adopt again"));
                case BASELINE -> {
                    FlywayVersion version = FlywayVersion.parse(row.key());
                    if (version != null && (baseline == null || version.compareTo(baseline) > 0)) {
                        baseline = version;
                    }
                }
                case APPLIED -> {
                    if (migration == null) {
                        if (!belowBaseline(row.key(), baseline)) {
                            problems.add(new AdoptionProblem(
                                    Kind.MISSING_FROM_FILES,
                                    row.name(),
                                    row.description(),
                                    null,
                                    null,
                                    "it ran on this database but no imported revision stands for it:"
                                            + " restore its file and import again"));
                        }
                    } else if (row.checksum() != null && !migration.accepts(row.checksum())) {
                        mismatched.add(migration.key()); // it ran, so it is not also "not applied"
                        problems.add(new AdoptionProblem(
                                Kind.CHECKSUM_MISMATCH,
                                row.name(),
                                row.description(),
                                migration.checksum(),
                                row.checksum(),
                                "the file changed after it ran: restore the" + " file that ran and import again"));
                    } else {
                        applied.add(migration.key());
                        last = Math.max(last, migration.order());
                    }
                }
            }
        }
        String stampAt = last >= 0 ? imported.get(last).revision() : null;
        for (Provenance.Imported migration : imported) {
            boolean covered = belowBaseline(migration.key(), baseline);
            if (covered && migration.order() > last) {
                stampAt = migration.revision();
            } else if (migration.order() < last
                    && !applied.contains(migration.key())
                    && !mismatched.contains(migration.key())
                    && !covered) {
                problems.add(new AdoptionProblem(
                        Kind.NOT_APPLIED,
                        migration.name(),
                        migration.description(),
                        null,
                        null,
                        "it never ran here although later ones did: run it with the tool first, or remove"
                                + " its revision if it must not run"));
            }
        }
        return new AdoptionReport(tool, table, applied.size(), problems, stampAt, false);
    }

    private @Nullable FlywayVersion importBaseline(List<Provenance.Imported> imported) {
        String baseline = tool == SourceTool.FLYWAY ? imported.get(0).baseline() : null;
        return baseline == null ? null : FlywayVersion.parse(baseline);
    }

    private boolean belowBaseline(String key, @Nullable FlywayVersion baseline) {
        FlywayVersion version = tool == SourceTool.FLYWAY ? FlywayVersion.parse(key) : null;
        return baseline != null && version != null && version.compareTo(baseline) <= 0;
    }

    private String name() {
        return tool == SourceTool.FLYWAY ? "Flyway" : "Liquibase";
    }

    /**
     * The first candidate whose history table the database has while it has no version table of this
     * engine: a database to adopt before this engine may run on it. (A database adopted at base has a version
     * table without rows.)
     */
    public static Optional<ToolHistory> foreignHistory(Migrations migrations, List<ToolHistory> candidates) {
        DataSource dataSource = migrations.config().dataSource();
        if (dataSource == null) {
            return Optional.empty();
        }
        String schema = migrations.config().schema();
        String versionTable = migrations.config().versionTable();
        try (Connection connection = dataSource.getConnection()) {
            // Asked at every start (of every tenant of a fleet), so the common answer comes from one light query,
            // looking for the version table the way the engine itself does; the metadata look-ups below run
            // only for a database without one.
            Dialect dialect = Dialect.forProduct(connection.getMetaData().getDatabaseProductName());
            if (dialect.tableExists(connection, schema, versionTable)) {
                return Optional.empty();
            }
            for (ToolHistory candidate : candidates) {
                if (HistoryTable.find(connection, candidate.table()) != null) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new MigrationsException(
                    "Cannot look for Flyway's or Liquibase's history table: " + e.getMessage(), e);
        }
    }

    private static DataSource dataSource(Migrations migrations) {
        DataSource dataSource = migrations.config().dataSource();
        if (dataSource == null) {
            throw new MigrationsException("Adoption needs a database connection: give --url");
        }
        return dataSource;
    }
}
