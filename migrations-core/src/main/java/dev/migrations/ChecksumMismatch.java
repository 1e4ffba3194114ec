package dev.migrations;

/**
 * An applied revision whose script changed after it was applied.
 *
 * @param revision the revision
 * @param path the script as found now
 * @param recorded the checksum recorded when it was applied (or last re-recorded)
 * @param actual the checksum of the script now
 */
public record ChecksumMismatch(String revision, String path, String recorded, String actual) {
    /** One line for reports: revision, file, both checksums. */
    public String describe() {
        return "Revision " + revision + " (" + path + ") was applied with checksum " + recorded
                + " but the script now has checksum " + actual;
    }
}
