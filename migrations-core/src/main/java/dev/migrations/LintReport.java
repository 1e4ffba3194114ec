package dev.migrations;

import java.util.ArrayList;
import java.util.List;

/**
 * What a lint run found.
 *
 * @param revisions the revisions that were linted, oldest first
 * @param findings the findings, by revision (oldest first) and line
 */
public record LintReport(List<String> revisions, List<Finding> findings) {

    /** Copies the lists. */
    public LintReport {
        revisions = List.copyOf(revisions);
        findings = List.copyOf(findings);
    }

    /** The findings at or above {@code threshold}. */
    public List<Finding> atLeast(Severity threshold) {
        List<Finding> result = new ArrayList<>();
        for (Finding finding : findings) {
            if (finding.severity().atLeast(threshold)) {
                result.add(finding);
            }
        }
        return result;
    }

    /** Whether some finding is at or above {@code threshold}; never for {@link Severity#OFF}. */
    public boolean fails(Severity threshold) {
        return threshold != Severity.OFF && !atLeast(threshold).isEmpty();
    }
}
