package dev.migrations;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code revision} (and {@code merge}) should create.
 *
 * @param message the revision's message (first header line); null gives "empty message"
 * @param heads the revisions it revises (the single head by default; {@code base} for a new root; several
 *     for a merge)
 * @param splice whether a non-head parent is allowed (starts a new branch)
 * @param branchLabels branch labels to declare
 * @param dependsOn revisions or labels it depends on (prefixes are resolved to full ids)
 * @param revId the id to use, or null for a random 12-hex-digit one
 * @param versionPath the directory to write to, or null for the only (or the parent's) location
 */
public record NewRevision(
        @Nullable String message,
        List<String> heads,
        boolean splice,
        List<String> branchLabels,
        List<String> dependsOn,
        @Nullable String revId,
        @Nullable String versionPath) {

    /** Copies the lists; defaults {@code heads} to the single head. */
    public NewRevision {
        heads = heads == null || heads.isEmpty() ? List.of("head") : List.copyOf(heads);
        branchLabels = branchLabels == null ? List.of() : List.copyOf(branchLabels);
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** A plain new revision on top of the single head. */
    public static NewRevision withMessage(@Nullable String message) {
        return new NewRevision(message, List.of(), false, List.of(), List.of(), null, null);
    }
}
