package dev.migrations.internal.command;

import dev.migrations.ChecksumMismatch;
import dev.migrations.HistoryEntry;
import dev.migrations.MigrationStatus;
import dev.migrations.internal.graph.Revision;
import dev.migrations.internal.runtime.OnlineRunner;
import dev.migrations.internal.runtime.RevisionErrors;
import dev.migrations.internal.runtime.Step;
import dev.migrations.internal.script.RevisionScript;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code status}, {@code current}, {@code checksums} and the history table: what the database holds. */
public final class DatabaseQueries {
    private final Engine engine;

    /** Questions to the engine's database. */
    public DatabaseQueries(Engine engine) {
        this.engine = engine;
    }

    /** The version-table rows as stored (empty without a version table). */
    public List<String> rows() {
        return engine.online().readRows();
    }

    /**
     * Where the database stands against the target, in one look: a verification record that covers
     * the scripts at exactly the current rows answers it without reading any script.
     */
    public MigrationStatus status(String target) {
        OnlineRunner runner = engine.online();
        OnlineRunner.Look look = runner.look(engine.verification(target));
        if (look.state() == OnlineRunner.Look.State.VERIFIED) {
            return new MigrationStatus(
                    look.rows(), look.heads(), target, look.heads(), List.of(), true, List.of(), List.of());
        }
        // A half-applied revision or unreadable tables: read the rows plainly, failing with the reason.
        boolean read = look.state() != OnlineRunner.Look.State.UNREADABLE;
        List<String> rows = read ? look.rows() : runner.readRows();
        List<String> heads = engine.map().heads();
        List<String> unknown = engine.unknown(rows);
        if (!unknown.isEmpty()) {
            // Nothing can be planned from rows the graph does not have.
            return new MigrationStatus(rows, heads, target, List.of(), List.of(), false, List.of(), unknown);
        }
        List<String> pending = new ArrayList<>();
        for (Step step : engine.planner().upgrade(target, rows)) {
            pending.add(step.revisionId());
        }
        List<String> targetIds = new ArrayList<>();
        for (Revision rev : RevisionErrors.defaults().call(() -> engine.map().getRevisions(target))) {
            if (rev != null && engine.map().byId(rev.id()) == rev) {
                targetIds.add(rev.id());
            }
        }
        List<ChecksumMismatch> mismatches =
                engine.mismatches(rows, read ? look.recordedChecksums() : runner.readRecordedChecksums());
        return new MigrationStatus(rows, heads, target, targetIds, pending, pending.isEmpty(), mismatches, List.of());
    }

    /** Applied revisions whose scripts changed since they were applied. */
    public List<ChecksumMismatch> checksumMismatches() {
        OnlineRunner runner = engine.online();
        return engine.mismatches(runner.readRows(), runner.readRecordedChecksums());
    }

    /**
     * Records the scripts' current checksums for applied revisions whose scripts changed, only {@code
     * revisions} when given.
     */
    public List<String> recordChecksums(List<String> revisions) {
        Set<String> only = new HashSet<>();
        for (String revision : revisions) {
            only.add(RevisionErrors.defaults()
                    .call(() -> engine.map().getRevision(revision))
                    .id());
        }
        return engine.online().recordChecksums((rows, recorded) -> {
            List<RevisionScript> result = new ArrayList<>();
            for (ChecksumMismatch mismatch : engine.mismatches(rows, recorded)) {
                if (only.isEmpty() || only.contains(mismatch.revision())) {
                    result.add(engine.scriptsById().get(mismatch.revision()));
                }
            }
            return result;
        });
    }

    /** The history table's rows, oldest first. */
    public List<HistoryEntry> history() {
        return engine.online().readHistory();
    }
}
