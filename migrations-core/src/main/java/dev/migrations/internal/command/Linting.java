package dev.migrations.internal.command;

import dev.migrations.LintOptions;
import dev.migrations.LintReport;
import dev.migrations.RevisionInfo;
import dev.migrations.internal.lint.Linter;
import dev.migrations.internal.runtime.Step;
import dev.migrations.internal.script.RevisionScript;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code lint}: the revisions of a range, or those an upgrade would run. */
public final class Linting {
    private final Engine engine;

    /** Lints the engine's scripts. */
    public Linting(Engine engine) {
        this.engine = engine;
    }

    /** The revisions in {@code [start]:[end]}, or every revision when the range is null. */
    public LintReport range(String range, LintOptions options) {
        GraphQueries graph = new GraphQueries(engine);
        Set<String> scope = new HashSet<>();
        for (RevisionInfo rev : range == null ? graph.revisions() : graph.history(range, null)) {
            scope.add(rev.id());
        }
        return scope(scope, options);
    }

    /** The revisions {@code upgrade target} would run from the database's rows. */
    public LintReport pending(String target, LintOptions options) {
        return steps(engine.planner().upgrade(target, engine.online().readRows()), options);
    }

    /** The revisions of these steps. */
    LintReport steps(List<Step> steps, LintOptions options) {
        Set<String> scope = new HashSet<>();
        for (Step step : steps) {
            scope.add(step.revisionId());
        }
        return scope(scope, options);
    }

    private LintReport scope(Set<String> scope, LintOptions options) {
        List<RevisionScript> oldestFirst = new ArrayList<>();
        for (RevisionInfo rev : new GraphQueries(engine).history(null, null)) {
            oldestFirst.add(0, engine.scriptsById().get(rev.id()));
        }
        boolean lockTimeout =
                options.ddlLockTimeoutConfigured() || engine.config().ddlLockTimeout() != null;
        return new Linter(
                        options.withDdlLockTimeout(lockTimeout), engine.config().classLoader())
                .lint(oldestFirst, scope);
    }
}
