package dev.migrations.internal.lint;

import dev.migrations.Finding;
import dev.migrations.LintOptions;
import dev.migrations.LintReport;
import dev.migrations.internal.script.RevisionScript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs the lint over revision scripts. Use it through {@code Migrations.lint(...)}; this class is
 * the engine's, public only so that the facade in another package can reach it.
 */
public final class Linter {
    private final LintOptions options;
    private final ClassLoader classLoader;

    /**
     * Creates a linter.
     *
     * @param options severities and whether the engine sets a DDL lock timeout
     * @param classLoader reads {@code classpath:} scripts again for their {@code lint:ignore} comments
     */
    public Linter(LintOptions options, ClassLoader classLoader) {
        this.options = Objects.requireNonNull(options, "options");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Lints the scripts in {@code scope}.
     *
     * @param scripts every script, parents before children (so that facts from earlier revisions,
     *     such as column types and validated checks, are known when later ones are checked)
     * @param scope the revisions to report on
     */
    public LintReport lint(List<RevisionScript> scripts, Set<String> scope) {
        History history = new History();
        List<String> linted = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (RevisionScript script : scripts) {
            boolean report = scope.contains(script.revision());
            Suppressions suppressions = report ? Suppressions.of(script.path(), classLoader) : Suppressions.ofText("");
            List<Finding> found =
                    new ArrayList<>(new RevisionCheck(script, options, history, suppressions, report).run());
            found.sort(Comparator.comparingInt(Finding::line));
            findings.addAll(found);
            if (report) {
                linted.add(script.revision());
            }
        }
        return new LintReport(linted, findings);
    }
}
