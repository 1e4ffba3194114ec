package dev.migrations.internal.command;

import dev.migrations.MigrationsException;
import dev.migrations.RevisionInfo;
import dev.migrations.internal.graph.Revision;
import dev.migrations.internal.runtime.RevisionErrors;
import dev.migrations.internal.runtime.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code heads}, {@code branches}, {@code history}, {@code show} and {@code current}: questions to the graph. */
public final class GraphQueries {
    private final Engine engine;

    /** Queries over the engine's graph. */
    public GraphQueries(Engine engine) {
        this.engine = engine;
    }

    /** Every revision, in load order. */
    public List<RevisionInfo> revisions() {
        return engine.infosOf(engine.map().revisions());
    }

    /** Revisions nothing revises, or with {@code resolveDependencies} nothing revises or depends on. */
    public List<RevisionInfo> heads(boolean resolveDependencies) {
        return engine.infos(
                resolveDependencies ? engine.map().realHeads() : engine.map().heads());
    }

    /** Branch points, newest first. */
    public List<RevisionInfo> branchPoints() {
        List<RevisionInfo> result = new ArrayList<>();
        for (RevisionInfo rev : history(null, null)) {
            if (rev.branchPoint()) {
                result.add(rev);
            }
        }
        return result;
    }

    /**
     * Revisions in a range, newest first, where {@code current} stands for the given version-table rows.
     *
     * @param range {@code [start]:[end]}, or null for everything
     * @param currentRows the database's rows, or null when there is no database
     */
    public List<RevisionInfo> history(String range, List<String> currentRows) {
        String base = null;
        String head = null;
        if (range != null) {
            Range r = Range.ofHistory(range);
            base = r.start();
            head = r.end();
        }
        List<String> baseRows = "current".equals(base) ? requireRows(currentRows) : null;
        List<String> headRows = "current".equals(head) ? requireRows(currentRows) : null;
        if (baseRows != null && baseRows.isEmpty()) {
            baseRows = null;
            base = null;
        }
        if (headRows != null && headRows.isEmpty()) {
            headRows = null;
            head = null;
        }
        String lower = base == null || base.isEmpty() ? "base" : base;
        String upper = head == null || head.isEmpty() ? "heads" : head;
        List<String> fixedBaseRows = baseRows;
        List<String> fixedHeadRows = headRows;
        List<Revision> revisions = RevisionErrors.defaults()
                .start(fixedBaseRows != null ? pythonTuple(fixedBaseRows) : lower)
                .end(fixedHeadRows != null ? pythonTuple(fixedHeadRows) : upper)
                .call(() -> engine.map().walkRevisions(lower, fixedBaseRows, upper, fixedHeadRows));
        return engine.infosOf(revisions);
    }

    private static List<String> requireRows(List<String> rows) {
        if (rows == null) {
            throw new MigrationsException("'current' needs a database connection; give --url, or name a revision");
        }
        return rows;
    }

    private static String pythonTuple(List<String> ids) {
        StringBuilder sb = new StringBuilder("(");
        for (String id : ids) {
            sb.append('\'').append(id).append("', ");
        }
        sb.setLength(sb.length() - (ids.size() == 1 ? 1 : 2));
        return sb.append(')').toString();
    }

    /** The revisions an identifier names (several for {@code heads} or a label with several heads). */
    public List<RevisionInfo> show(String identifier) {
        List<RevisionInfo> result = new ArrayList<>();
        for (Revision rev : RevisionErrors.defaults().call(() -> engine.map().getRevisions(identifier))) {
            // Entries that are not revisions of the graph ('base') show nothing.
            if (rev != null && engine.map().byId(rev.id()) == rev) {
                result.add(engine.info(rev));
            }
        }
        return result;
    }

    /** The revisions the version-table rows amount to, reduced to branch tips. */
    public List<RevisionInfo> current(List<String> rows) {
        return engine.infosOf(RevisionErrors.defaults().call(() -> engine.map().currentRevisions(rows)));
    }

    /** Version-table rows that name no known revision. */
    public List<String> unknown(List<String> rows) {
        return engine.unknown(rows);
    }

    /** The revisions {@code downgrade target} would undo from the rows, newest first; empty for an upgrade target. */
    public List<String> downgradePlan(String target, List<String> rows) {
        List<String> ids = new ArrayList<>();
        try {
            for (Step step : engine.planner().downgrade(target, rows)) {
                ids.add(step.revisionId());
            }
        } catch (MigrationsException e) {
            // Not a valid downgrade target from these rows: nothing to undo.
            return List.of();
        }
        return ids;
    }

    /** Every revision the rows imply. */
    public Set<String> applied(List<String> rows) {
        return engine.applied(rows);
    }
}
