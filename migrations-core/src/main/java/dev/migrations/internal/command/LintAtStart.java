package dev.migrations.internal.command;

import dev.migrations.Finding;
import dev.migrations.LintReport;
import dev.migrations.Severity;
import dev.migrations.StartRefusedException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The lint before a start-up upgrade: every finding logged, one at or above the threshold refuses the start. */
final class LintAtStart {
    private static final Logger LOG = LoggerFactory.getLogger(LintAtStart.class);

    private LintAtStart() {}

    static void check(LintReport report, Severity failOn) {
        for (Finding f : report.findings()) {
            String line = "Lint: " + f.summary() + " Instead: " + f.instead();
            if (f.severity() == Severity.INFO) {
                LOG.info("{}", line);
            } else {
                LOG.warn("{}", line);
            }
        }
        String threshold = failOn == Severity.OFF ? "none" : failOn.name().toLowerCase(Locale.ROOT);
        if (!report.fails(failOn)) {
            LOG.info(
                    "Lint: {} pending revision(s) checked, {} finding(s), none at or above {}",
                    report.revisions().size(),
                    report.findings().size(),
                    threshold);
            return;
        }
        List<Finding> failing = report.atLeast(failOn);
        StringBuilder message = new StringBuilder("The lint found " + failing.size() + " finding(s) at or above "
                + threshold + " in the revisions the start-up upgrade would run (nothing was migrated):");
        for (Finding f : failing) {
            message.append("\n    ").append(f.summary());
        }
        throw new StartRefusedException(
                message.toString(),
                "Rewrite the statements the safe way (each rule's alternative is logged above and listed in"
                        + " docs/lint.md), or, once reviewed, suppress a finding with '-- lint:ignore <rule>"
                        + " <reason>' on the line above the statement. migrations.lint.severity.<rule> changes a"
                        + " rule's severity; migrations.lint.fail-on=none only logs.");
    }
}
