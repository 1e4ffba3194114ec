package dev.migrations.internal.runtime;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Keeps the version table's rows in step with a run, one row per head, the way Alembic does. */
final class HeadMaintainer {
    private final Set<String> heads;
    private final MigrationSink sink;

    HeadMaintainer(List<String> heads, MigrationSink sink) {
        this.heads = new LinkedHashSet<>(heads);
        this.sink = sink;
    }

    Set<String> heads() {
        return heads;
    }

    void updateToStep(Step step) {
        if (step.shouldDeleteBranch(heads)) {
            delete(step.deleteVersionNum());
        } else if (step.shouldCreateBranch(heads)) {
            insert(step.insertVersionNum());
        } else if (step.shouldMergeBranches(heads)) {
            Step.Merge merge = step.mergeBranchIdents(heads);
            merge.delete().forEach(this::delete);
            update(merge.updateFrom(), merge.updateTo());
        } else if (step.shouldUnmergeBranches(heads)) {
            Step.Unmerge unmerge = step.unmergeBranchIdents(heads);
            unmerge.insert().forEach(this::insert);
            update(unmerge.updateFrom(), unmerge.updateTo());
        } else {
            String[] fromTo = step.updateVersionNum(heads);
            update(fromTo[0], fromTo[1]);
        }
    }

    private void insert(String version) {
        if (!heads.add(version)) {
            throw new IllegalStateException("version " + version + " is already a head");
        }
        sink.insertVersion(version);
    }

    private void delete(String version) {
        if (!heads.remove(version)) {
            throw new IllegalStateException("version " + version + " is not a head");
        }
        sink.deleteVersion(version);
    }

    private void update(String from, String to) {
        if (heads.contains(to) || !heads.remove(from)) {
            throw new IllegalStateException("cannot update version " + from + " to " + to + " in " + heads);
        }
        heads.add(to);
        sink.updateVersion(from, to);
    }
}
