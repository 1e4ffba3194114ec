package dev.migrations;

import java.util.List;

/**
 * Where a database stands against its scripts.
 *
 * @param current the version-table rows (empty for a database at base or without a version table)
 * @param heads the heads of the revision graph
 * @param target the target as given (e.g. {@code heads})
 * @param targetRevisions what the target resolves to
 * @param pending revisions an upgrade to the target would run, in run order
 * @param upToDate whether nothing is pending
 * @param checksumMismatches applied revisions whose scripts changed since
 * @param unknownRevisions version-table rows the scripts do not have (a newer deployment's); when there
 *     are any, nothing can be planned: {@code pending} and {@code targetRevisions} are empty and {@code
 *     upToDate} is false
 */
public record MigrationStatus(
        List<String> current,
        List<String> heads,
        String target,
        List<String> targetRevisions,
        List<String> pending,
        boolean upToDate,
        List<ChecksumMismatch> checksumMismatches,
        List<String> unknownRevisions) {

    /** Copies the lists. */
    public MigrationStatus {
        current = List.copyOf(current);
        heads = List.copyOf(heads);
        targetRevisions = List.copyOf(targetRevisions);
        pending = List.copyOf(pending);
        checksumMismatches = List.copyOf(checksumMismatches);
        unknownRevisions = List.copyOf(unknownRevisions);
    }

    /** Whether pending revisions could be worked out (not when the rows name unknown revisions). */
    public boolean pendingKnown() {
        return unknownRevisions.isEmpty();
    }
}
