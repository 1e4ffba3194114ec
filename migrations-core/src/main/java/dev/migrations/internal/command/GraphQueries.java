package dev.migrations.internal.command;

import dev.migrations.MigrationsException;
import dev.migrations.RevisionDiagram;
import dev.migrations.RevisionGraph;
import dev.migrations.RevisionInfo;
import dev.migrations.internal.graph.Revision;
import dev.migrations.internal.runtime.RevisionErrors;
import dev.migrations.internal.runtime.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@link RevisionGraph} of the engine's scripts: {@code heads}, {@code branches}, {@code history}, {@code show}. */
public final class GraphQueries implements RevisionGraph {
    private final Engine engine;

    /** Queries over the engine's graph. */
    public GraphQueries(Engine engine) {
        this.engine = engine;
    }

    @Override
    public List<RevisionInfo> revisions() {
        return engine.infosOf(engine.map().revisions());
    }

    @Override
    public List<RevisionInfo> heads() {
        return engine.infos(engine.map().heads());
    }

    @Override
    public List<RevisionInfo> headsResolvingDependencies() {
        return engine.infos(engine.map().realHeads());
    }

    @Override
    public List<RevisionInfo> branchPoints() {
        List<RevisionInfo> result = new ArrayList<>();
        for (RevisionInfo rev : history(null, null)) {
            if (rev.branchPoint()) {
                result.add(rev);
            }
        }
        return result;
    }

    @Override
    public List<RevisionInfo> history(String range) {
        return history(range, null);
    }

    @Override
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

    @Override
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

    @Override
    public List<RevisionInfo> current(List<String> rows) {
        return engine.infosOf(RevisionErrors.defaults().call(() -> engine.map().currentRevisions(rows)));
    }

    @Override
    public List<String> unknownRevisions(List<String> rows) {
        return engine.unknown(rows);
    }

    @Override
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

    @Override
    public Set<String> appliedRevisions(List<String> rows) {
        return engine.applied(rows);
    }

    @Override
    public RevisionDiagram diagram(String range, List<String> currentRows) {
        return new Diagrams(engine, this).diagram(range, currentRows);
    }
}
