package dev.migrations.test;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.RevisionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * Walks one database up the revisions, one at a time: reflect, upgrade the revision, downgrade it,
 * reflect and compare with before, upgrade it again. A revision whose downgrade leaves the schema
 * different fails its own check; the walk then continues on a new database brought to the same
 * revisions, so every revision is checked in one run.
 */
final class DowngradeWalk implements AutoCloseable {
    private final Engine engine;
    private final Supplier<Sandbox.Factory> sandboxes;
    private final Set<String> irreversible;
    private Sandbox database;
    private Migrations migrations;
    private String brokenBy;

    DowngradeWalk(Engine engine, Supplier<Sandbox.Factory> sandboxes, Set<String> irreversible) {
        this.engine = engine;
        this.sandboxes = sandboxes;
        this.irreversible = Set.copyOf(irreversible);
    }

    /** Checks one revision; the walk must have applied every revision before it in upgrade order. */
    void check(RevisionInfo revision) {
        if (brokenBy != null) {
            Assumptions.abort("Not checked: the walk could not get past " + brokenBy);
        }
        if (database == null) {
            open();
        }
        List<String> rowsBefore = migrations.currentRows();
        SchemaState before = engine.reflect(database);
        upgrade(revision, "upgrade fails");
        List<String> rowsAfter = migrations.currentRows();
        if (irreversible.contains(revision.id())) {
            Assumptions.abort(Engine.describe(revision) + " is marked irreversible; its downgrade is not checked");
        }
        String target = downgradeTarget(revision, rowsAfter);
        try {
            migrations.downgrade(target);
        } catch (MigrationsException e) {
            restart(rowsAfter);
            throw new AssertionError(Engine.describe(revision) + ": downgrade fails: " + e.getMessage(), e);
        }
        List<String> differences = before.differencesTo(engine.reflect(database));
        if (!differences.isEmpty()) {
            restart(rowsAfter);
            throw new AssertionError(Engine.describe(revision) + ": downgrade does not restore the schema: "
                    + String.join("; ", differences));
        }
        List<String> rowsDown = migrations.currentRows();
        if (!Set.copyOf(rowsDown).equals(Set.copyOf(rowsBefore))) {
            throw new AssertionError(Engine.describe(revision) + ": downgrade left the version table at " + rowsDown
                    + " instead of " + rowsBefore);
        }
        upgrade(revision, "upgrade after its downgrade fails");
    }

    private void upgrade(RevisionInfo revision, String what) {
        try {
            migrations.upgrade(revision.id());
        } catch (MigrationsException e) {
            brokenBy = revision.id();
            throw new AssertionError(Engine.describe(revision) + ": " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The target whose downgrade undoes exactly this revision from the given rows: {@code -1} with one
     * head, {@code <rev>@-1} where other branches are applied too.
     */
    private String downgradeTarget(RevisionInfo revision, List<String> rows) {
        // '-1' is ambiguous (and warned about) with several heads, so it is tried only with one.
        List<String> candidates = new ArrayList<>();
        if (rows.size() == 1) {
            candidates.add("-1");
        }
        candidates.add(revision.id() + "@-1");
        candidates.addAll(revision.downRevisions());
        for (String candidate : candidates) {
            try {
                if (migrations.graph().downgradePlan(candidate, rows).equals(List.of(revision.id()))) {
                    return candidate;
                }
            } catch (MigrationsException e) {
                // Not a target from these rows (e.g. '-1' with several heads); try the next one.
            }
        }
        brokenBy = revision.id();
        throw new AssertionError(Engine.describe(revision) + ": no downgrade target undoes only this revision from "
                + rows + "; tried " + candidates);
    }

    /** Replaces a database left in an unknown state by a new one at the same revisions. */
    private void restart(List<String> rows) {
        close();
        open();
        try {
            for (String row : rows) {
                migrations.upgrade(row);
            }
        } catch (MigrationsException e) {
            brokenBy = String.join(", ", rows) + " (upgrading a new database to them failed: " + e.getMessage() + ")";
        }
    }

    private void open() {
        database = sandboxes.get().create();
        migrations = engine.on(database);
    }

    @Override
    public void close() {
        if (database != null) {
            Sandbox open = database;
            database = null;
            migrations = null;
            open.close();
        }
    }
}
