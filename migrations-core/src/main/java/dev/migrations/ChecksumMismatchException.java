package dev.migrations;

import java.util.List;

/** Applied revisions whose scripts changed since; refused unless checksum validation is off. */
public final class ChecksumMismatchException extends MigrationsException {
    private static final long serialVersionUID = 1L;

    private final List<ChecksumMismatch> mismatches;

    /** Creates the error listing every mismatch. */
    public ChecksumMismatchException(List<ChecksumMismatch> mismatches) {
        super(message(mismatches));
        this.mismatches = List.copyOf(mismatches);
    }

    private static String message(List<ChecksumMismatch> mismatches) {
        StringBuilder sb = new StringBuilder(
                mismatches.size() == 1
                        ? "An applied revision's script has changed since it was applied:"
                        : mismatches.size() + " applied revisions' scripts have changed since they were applied:");
        for (ChecksumMismatch m : mismatches) {
            sb.append("\n  ").append(m.describe());
        }
        sb.append("\nNever edit an applied revision: restore the script, or add a new revision with the change."
                + " If the edit was deliberate and reviewed, record the new checksums with 'migrations checksums"
                + " --record' (or set migrations.validate-checksums=false / pass --no-validate-checksums).");
        return sb.toString();
    }

    /** Every mismatch found. */
    public List<ChecksumMismatch> mismatches() {
        return mismatches;
    }
}
