package dev.migrations.internal.runtime;

import dev.migrations.internal.graph.Revision;
import dev.migrations.internal.graph.RevisionMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Upgrading or downgrading one revision. */
public final class RevisionStep extends Step {
    private final RevisionMap map;
    private final Revision revision;
    private final String doc;

    RevisionStep(RevisionMap map, Revision revision, boolean upgrade, String doc) {
        super(upgrade);
        this.map = map;
        this.revision = revision;
        this.doc = doc;
    }

    @Override
    public String name() {
        return isUpgrade() ? "upgrade" : "downgrade";
    }

    @Override
    public String revisionId() {
        return revision.id();
    }

    @Override
    public String doc() {
        return doc;
    }

    private List<String> down() {
        return revision.normalizedDownRevisions();
    }

    @Override
    public List<String> fromRevisions() {
        return isUpgrade() ? down() : List.of(revision.id());
    }

    @Override
    public List<String> fromRevisionsNoDeps() {
        return isUpgrade() ? revision.downRevisions() : List.of(revision.id());
    }

    @Override
    public List<String> toRevisions() {
        return isUpgrade() ? List.of(revision.id()) : down();
    }

    @Override
    public List<String> toRevisionsNoDeps() {
        return isUpgrade() ? List.of(revision.id()) : revision.downRevisions();
    }

    @Override
    boolean shouldDeleteBranch(Set<String> heads) {
        if (isUpgrade() || !heads.contains(revision.id())) {
            return false;
        }
        return down().isEmpty() || unmergeToRevisions(heads).isEmpty();
    }

    @Override
    boolean shouldCreateBranch(Set<String> heads) {
        if (!isUpgrade()) {
            return false;
        }
        if (down().isEmpty()) {
            return true;
        }
        for (String d : down()) {
            if (heads.contains(d)) {
                return false;
            }
        }
        return true;
    }

    @Override
    boolean shouldMergeBranches(Set<String> heads) {
        if (!isUpgrade() || down().size() < 2) {
            return false;
        }
        int present = 0;
        for (String d : down()) {
            if (heads.contains(d)) {
                present++;
            }
        }
        return present > 1;
    }

    @Override
    boolean shouldUnmergeBranches(Set<String> heads) {
        return !isUpgrade() && heads.contains(revision.id()) && down().size() > 1;
    }

    @Override
    String deleteVersionNum() {
        return revision.id();
    }

    @Override
    String insertVersionNum() {
        return revision.id();
    }

    @Override
    Merge mergeBranchIdents(Set<String> heads) {
        Set<String> others = new LinkedHashSet<>(heads);
        others.removeAll(fromRevisions());
        List<String> from = new ArrayList<>(fromRevisions());
        if (!others.isEmpty()) {
            // Alembic drops the down revisions implied by another row. Rows never imply each other
            // (an upgrade from overlapping rows is refused before it starts), so only down revisions
            // that are not rows themselves need the reachability question.
            List<String> notRows = new ArrayList<>(from);
            notRows.removeAll(heads);
            if (!notRows.isEmpty()) {
                List<String> implied = new ArrayList<>(notRows);
                implied.removeAll(map.notAncestorsOf(others, notRows));
                from.removeAll(implied);
            }
        }
        String last = from.remove(from.size() - 1);
        return new Merge(from, last, toRevisions().get(0));
    }

    private List<String> unmergeToRevisions(Set<String> heads) {
        Set<String> others = new LinkedHashSet<>(heads);
        others.remove(revision.id());
        if (!others.isEmpty()) {
            return new ArrayList<>(map.notAncestorsOf(others, toRevisions()));
        }
        // Keep the targets that are not strict ancestors of another target.
        List<String> result = new ArrayList<>();
        for (String to : toRevisions()) {
            boolean implied = false;
            for (String other : toRevisions()) {
                if (!other.equals(to)
                        && map.notAncestorsOf(List.of(other), List.of(to)).isEmpty()) {
                    implied = true;
                    break;
                }
            }
            if (!implied) {
                result.add(to);
            }
        }
        return result;
    }

    @Override
    Unmerge unmergeBranchIdents(Set<String> heads) {
        List<String> to = unmergeToRevisions(heads);
        String last = to.remove(to.size() - 1);
        return new Unmerge(fromRevisions().get(0), last, to);
    }

    @Override
    String[] updateVersionNum(Set<String> heads) {
        String down;
        if (down().size() == 1) {
            down = down().get(0);
        } else {
            List<String> present = new ArrayList<>(down());
            present.retainAll(heads);
            if (present.size() != 1) {
                throw new IllegalStateException("Can't do an UPDATE because downrevision is ambiguous");
            }
            down = present.get(0);
        }
        return isUpgrade() ? new String[] {down, revision.id()} : new String[] {revision.id(), down};
    }
}
