package dev.migrations.internal.runtime;

import java.util.List;
import java.util.Set;

/**
 * One step of a run: a revision's upgrade or downgrade, or a stamp. Knows how the version table
 * changes when it is applied (Alembic's {@code MigrationStep}).
 */
public abstract sealed class Step permits RevisionStep, StampStep {
    private final boolean upgrade;

    Step(boolean upgrade) {
        this.upgrade = upgrade;
    }

    /** {@code upgrade}, {@code downgrade} or {@code stamp_revision}. */
    public abstract String name();

    /** Whether the step moves up the graph. */
    public boolean isUpgrade() {
        return upgrade;
    }

    /** The revision whose script runs, or null for a stamp. */
    public abstract String revisionId();

    /** The step's message (the revision's doc), or null for a stamp. */
    public abstract String doc();

    /** Revisions the version table holds before the step, dependencies included. */
    public abstract List<String> fromRevisions();

    /** Revisions before the step, without dependencies (what log lines show). */
    public abstract List<String> fromRevisionsNoDeps();

    /** Revisions after the step, dependencies included. */
    public abstract List<String> toRevisions();

    /** Revisions after the step, without dependencies (what log lines show). */
    public abstract List<String> toRevisionsNoDeps();

    abstract boolean shouldDeleteBranch(Set<String> heads);

    abstract boolean shouldCreateBranch(Set<String> heads);

    abstract boolean shouldMergeBranches(Set<String> heads);

    abstract boolean shouldUnmergeBranches(Set<String> heads);

    abstract String deleteVersionNum();

    abstract String insertVersionNum();

    /** Rows to delete, the row to update, and its new value. */
    record Merge(List<String> delete, String updateFrom, String updateTo) {}

    /** The row to update, its new value, and rows to insert. */
    record Unmerge(String updateFrom, String updateTo, List<String> insert) {}

    abstract Merge mergeBranchIdents(Set<String> heads);

    abstract Unmerge unmergeBranchIdents(Set<String> heads);

    /** The row to update and its new value. */
    abstract String[] updateVersionNum(Set<String> heads);

    /** {@code upgrade a -> b}: the form offline scripts print after {@code -- Running}. */
    public String shortLog() {
        return name() + " " + String.join(", ", fromRevisionsNoDeps()) + " -> "
                + String.join(", ", toRevisionsNoDeps());
    }

    /** {@code upgrade a -> b, message}: the form progress logs print. */
    @Override
    public String toString() {
        String doc = doc();
        return doc == null || doc.isEmpty() ? shortLog() : shortLog() + ", " + doc;
    }
}
