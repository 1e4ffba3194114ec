package dev.migrations.adopt;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The check of a database's history against the imported revisions, and what adoption did.
 *
 * @param tool the tool whose history was read
 * @param historyTable the table read, as named in SQL
 * @param appliedMigrations how many applied migrations of the history matched an imported revision
 * @param problems why the database cannot be adopted; empty when it can
 * @param revision the revision the version table is (or would be) stamped at; null for none (nothing applied
 *     beyond a baseline that no revision stands for)
 * @param stamped whether the version table was stamped
 */
public record AdoptionReport(
        SourceTool tool,
        String historyTable,
        int appliedMigrations,
        List<AdoptionProblem> problems,
        @Nullable String revision,
        boolean stamped) {

    /** Copies the list. */
    public AdoptionReport {
        problems = List.copyOf(problems);
    }

    /** Whether the history matches the imported revisions. */
    public boolean adoptable() {
        return problems.isEmpty();
    }
}
