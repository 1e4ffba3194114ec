package dev.migrations;

import java.util.List;
import java.util.Objects;

/**
 * One revision as users see it: identity, place in the graph, message and file.
 *
 * @param id the revision id
 * @param message the first line of the header
 * @param longDoc the header as Alembic shows it in verbose output (message, id, parents, date)
 * @param downRevisions the revisions it revises; empty for a base
 * @param dependencies its {@code Depends On} entries as declared (ids or labels)
 * @param branchLabels branch labels that apply to it, declared and propagated
 * @param nextRevisions the revisions that revise it
 * @param path the script's path as found
 * @param head whether no revision revises it
 * @param realHead whether no revision revises or depends on it
 * @param branchPoint whether several revisions revise it
 * @param mergePoint whether it revises several revisions
 */
public record RevisionInfo(
        String id,
        String message,
        String longDoc,
        List<String> downRevisions,
        List<String> dependencies,
        List<String> branchLabels,
        List<String> nextRevisions,
        String path,
        boolean head,
        boolean realHead,
        boolean branchPoint,
        boolean mergePoint) {

    /** Validates and copies. */
    public RevisionInfo {
        Objects.requireNonNull(id, "id");
        message = message == null ? "" : message;
        longDoc = longDoc == null ? "" : longDoc;
        downRevisions = List.copyOf(downRevisions);
        dependencies = List.copyOf(dependencies);
        branchLabels = List.copyOf(branchLabels);
        nextRevisions = List.copyOf(nextRevisions);
        Objects.requireNonNull(path, "path");
    }

    /** Whether this revision revises nothing. */
    public boolean base() {
        return downRevisions.isEmpty();
    }

    /** A head only through dependencies: nothing revises it, but something depends on it. */
    public boolean effectiveHead() {
        return head && !realHead;
    }
}
