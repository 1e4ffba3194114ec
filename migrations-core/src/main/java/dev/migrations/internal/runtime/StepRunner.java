package dev.migrations.internal.runtime;

import dev.migrations.MigrationsException;
import dev.migrations.internal.script.RevisionScript;
import dev.migrations.internal.script.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one loop every run goes through, online or offline: for each step, open its transaction, run
 * its statements, update the version table, commit. Mirrors Alembic's {@code run_migrations}.
 */
public final class StepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final Map<String, RevisionScript> scripts;
    private final boolean transactionPerMigration;

    /**
     * Creates a runner.
     *
     * @param scripts revision scripts by revision id
     * @param transactionPerMigration whether each step commits on its own (else one transaction for all)
     */
    public StepRunner(Map<String, RevisionScript> scripts, boolean transactionPerMigration) {
        this.scripts = Map.copyOf(scripts);
        this.transactionPerMigration = transactionPerMigration;
    }

    /**
     * Checks that every step can run (downgrades need a downgrade section) before anything runs.
     *
     * @throws MigrationsException naming the first revision that cannot be downgraded
     */
    public void validate(List<Step> steps) {
        for (Step step : steps) {
            RevisionScript script = scriptOf(step);
            if (script != null && !step.isUpgrade() && !script.hasDowngrade()) {
                String missing =
                        script.isJava() ? "does not override downgrade()" : "has no '-- migrate:downgrade' section";
                throw new MigrationsException("Revision " + script.revision() + " (" + script.path() + ") "
                        + missing + ", so it cannot be downgraded; add one, or"
                        + " choose a target at or above " + script.revision());
            }
            if (script != null && !script.isJava()) {
                // Sections are split on first use: split both sections of every planned script now, so
                // a malformed one (even in the section this run does not need) stops the run before
                // anything, tables included, is created or applied.
                int statements = script.upgrade().size() + script.downgrade().size();
                LOG.debug("{}: {} statement(s)", script.path(), statements);
            }
        }
    }

    private RevisionScript scriptOf(Step step) {
        return step.revisionId() == null ? null : scripts.get(step.revisionId());
    }

    /**
     * Runs the steps against the sink, starting from the given version-table rows.
     *
     * @return the version-table rows after the run
     */
    public Set<String> run(List<Step> steps, List<String> startHeads, MigrationSink sink) {
        validate(steps);
        HeadMaintainer maintainer = new HeadMaintainer(startHeads, sink);
        boolean transactional = sink.transactionalDdl();
        boolean outer = transactional && !transactionPerMigration;
        // In whole-run mode the transaction is closed before a non-transactional revision and
        // reopened only when a transactional one follows.
        boolean open = outer;
        if (outer) {
            sink.begin();
        }
        for (Step step : steps) {
            RevisionScript script = scriptOf(step);
            boolean scriptTransactional = script == null || script.transactional();
            if (outer && open != scriptTransactional) {
                if (open) {
                    sink.commit();
                } else {
                    sink.begin();
                }
                open = scriptTransactional;
            }
            boolean stepTransaction = transactional && transactionPerMigration && scriptTransactional;
            if (stepTransaction) {
                sink.begin();
            }
            if (sink.offline() && maintainer.heads().isEmpty()) {
                sink.createVersionTable();
            }
            long start = System.nanoTime();
            sink.beforeStep(step, maintainer.heads());
            LOG.info("Running {}", step);
            sink.stepStarted(step);
            if (script != null && script.isJava()) {
                JavaBody.run(script, step.isUpgrade(), sink);
            } else if (script != null) {
                List<Statement> statements = step.isUpgrade() ? script.upgrade() : script.downgrade();
                for (Statement statement : statements) {
                    sink.execute(script, statement);
                }
            }
            maintainer.updateToStep(step);
            sink.stepApplied(step, script, System.nanoTime() - start);
            if (stepTransaction) {
                sink.commit();
            }
        }
        if (open) {
            sink.commit();
        }
        return maintainer.heads();
    }
}
