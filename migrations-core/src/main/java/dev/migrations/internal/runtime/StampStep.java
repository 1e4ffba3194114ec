package dev.migrations.internal.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Moving the version table to other revisions without running any script. */
public final class StampStep extends Step {
    private final List<String> from;
    private final List<String> to;
    private final boolean branchMove;

    StampStep(List<String> from, List<String> to, boolean upgrade, boolean branchMove) {
        super(upgrade);
        this.from = List.copyOf(from);
        this.to = List.copyOf(to);
        this.branchMove = branchMove;
    }

    @Override
    public String name() {
        return "stamp_revision";
    }

    @Override
    public String revisionId() {
        return null;
    }

    @Override
    public String doc() {
        return null;
    }

    @Override
    public List<String> fromRevisions() {
        return from;
    }

    @Override
    public List<String> fromRevisionsNoDeps() {
        return from;
    }

    @Override
    public List<String> toRevisions() {
        return to;
    }

    @Override
    public List<String> toRevisionsNoDeps() {
        return to;
    }

    @Override
    boolean shouldDeleteBranch(Set<String> heads) {
        return !isUpgrade() && branchMove;
    }

    @Override
    boolean shouldCreateBranch(Set<String> heads) {
        Set<String> missingFrom = new HashSet<>(from);
        missingFrom.removeAll(heads);
        Set<String> missingTo = new HashSet<>(to);
        missingTo.removeAll(heads);
        return isUpgrade() && (branchMove || !missingFrom.isEmpty()) && !missingTo.isEmpty();
    }

    @Override
    boolean shouldMergeBranches(Set<String> heads) {
        return from.size() > 1;
    }

    @Override
    boolean shouldUnmergeBranches(Set<String> heads) {
        return to.size() > 1;
    }

    @Override
    String deleteVersionNum() {
        return from.get(0);
    }

    @Override
    String insertVersionNum() {
        return to.get(0);
    }

    @Override
    Merge mergeBranchIdents(Set<String> heads) {
        return new Merge(new ArrayList<>(from.subList(0, from.size() - 1)), from.get(from.size() - 1), to.get(0));
    }

    @Override
    Unmerge unmergeBranchIdents(Set<String> heads) {
        return new Unmerge(from.get(0), to.get(to.size() - 1), new ArrayList<>(to.subList(0, to.size() - 1)));
    }

    @Override
    String[] updateVersionNum(Set<String> heads) {
        return new String[] {from.get(0), to.get(0)};
    }
}
