package dev.migrations.internal.command;

import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.graph.Revision;
import dev.migrations.internal.offline.SqlScriptSink;
import dev.migrations.internal.runtime.RevisionErrors;
import dev.migrations.internal.runtime.Step;
import dev.migrations.internal.runtime.StepRunner;
import java.util.ArrayList;
import java.util.List;

/** {@code upgrade --sql}, {@code downgrade --sql} and {@code stamp --sql}: the online step loop writing to text. */
public final class OfflineSql {
    private final Engine engine;

    /** Offline SQL of the engine's scripts. */
    public OfflineSql(Engine engine) {
        this.engine = engine;
    }

    /** The run from {@code start} (default base) to {@code end}. */
    public String upgrade(String range) {
        Range r = Range.ofUpgradeSql(range);
        List<String> heads = startHeads(r.start());
        return render(engine.planner().upgrade(r.end(), heads), heads);
    }

    /** The run from {@code start} down to {@code end}. */
    public String downgrade(String range) {
        Range r = Range.ofDowngradeSql(range);
        List<String> heads = startHeads(r.start());
        return render(engine.planner().downgrade(r.end(), heads), heads);
    }

    /** The stamp of {@code [start:]rev...}; every argument names the same start, if any. */
    public String stamp(List<String> revisions) {
        String start = null;
        List<String> destinations = new ArrayList<>();
        for (String revision : revisions) {
            Range r = Range.ofUpgradeSql(revision);
            if (r.start() != null) {
                if (start != null && !start.equals(r.start())) {
                    throw new MigrationsException(
                            "Stamp operation with --sql only supports a single starting revision at a time");
                }
                start = r.start();
            }
            destinations.add(r.end());
        }
        List<String> heads = startHeads(start);
        return render(engine.planner().stamp(destinations, heads), heads);
    }

    private List<String> startHeads(String start) {
        if (start == null || start.equals("base")) {
            return List.of();
        }
        Revision rev = RevisionErrors.defaults().call(() -> engine.map().getRevision(start));
        return rev == null ? List.of() : List.of(rev.id());
    }

    private String render(List<Step> steps, List<String> heads) {
        MigrationsConfig config = engine.config();
        StringBuilder out = new StringBuilder();
        SqlScriptSink sink =
                new SqlScriptSink(out, Dialect.of(config.dialect()), config.schema(), config.versionTable());
        new StepRunner(engine.scriptsById(), config.transactionPerMigration()).run(steps, heads, sink);
        return out.toString();
    }
}
