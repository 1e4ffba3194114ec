package dev.migrations;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the history table: a step a run took, or a checksum recorded after a reviewed edit.
 *
 * @param revision the revision
 * @param direction {@code upgrade}, {@code downgrade}, {@code stamp} or {@code checksum}
 * @param appliedAt when it was applied
 * @param duration how long the step took
 * @param checksum the script's checksum when it was applied
 */
public record HistoryEntry(String revision, String direction, Instant appliedAt, Duration duration, String checksum) {
    /** Validates. */
    public HistoryEntry {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(duration, "duration");
    }
}
