package dev.migrations.maven;

import dev.migrations.Finding;
import dev.migrations.LintOptions;
import dev.migrations.LintReport;
import dev.migrations.MigrationsException;
import dev.migrations.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.jspecify.annotations.Nullable;

/**
 * {@code lint}: statements that are risky on a live PostgreSQL database, as {@code migrations lint}.
 * Findings at or above {@code failOn} (the command line's exit 3) fail the build unless {@code
 * warnOnly}. Bound to {@code verify} by default; needs no database unless {@code pending}.
 */
@Mojo(
        name = "lint",
        defaultPhase = LifecyclePhase.VERIFY,
        threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class LintMojo extends AbstractMigrationsMojo {
    /** Fail on findings at or above this severity: {@code error}, {@code warning}, {@code info} or {@code none}. */
    @Parameter(property = "migrations.failOn", defaultValue = "error")
    String failOn = "error";

    /** Only the revisions in {@code [start]:[end]}, as for history (default: every revision). */
    @Parameter(property = "migrations.revRange")
    @Nullable
    String revRange;

    /** Only the revisions the database has not applied yet. */
    @Parameter(property = "migrations.pending", defaultValue = "false")
    boolean pending;

    /** Rule severities: the rule id as the element name, {@code off}, {@code info}, {@code warning} or {@code error}. */
    @Parameter
    @Nullable
    Map<String, String> severities;

    /** Log findings at or above {@code failOn} as warnings instead of failing the build. */
    @Parameter(property = "migrations.warnOnly", defaultValue = "false")
    boolean warnOnly;

    @Override
    void run() throws MojoFailureException {
        if (pending && revRange != null && !revRange.isBlank()) {
            throw new MigrationsException("Give either pending or revRange, not both");
        }
        Severity threshold = threshold(failOn);
        LintOptions options = LintOptions.defaults();
        if (severities != null) {
            for (Map.Entry<String, String> rule : severities.entrySet()) {
                options = options.withSeverity(rule.getKey(), Severity.parse(rule.getValue()));
            }
        }
        LintReport report = pending
                ? online("lint").lintPending("heads", options)
                : migrations().lint(revRange == null || revRange.isBlank() ? null : revRange, options);
        for (Finding finding : report.findings()) {
            getLog().warn(finding.summary());
            getLog().warn("    why: " + finding.why());
            getLog().warn("    instead: " + finding.instead());
        }
        getLog().info("Linted " + report.revisions().size() + " revision(s): " + count(report, Severity.ERROR)
                + " error(s), " + count(report, Severity.WARNING) + " warning(s), " + count(report, Severity.INFO)
                + " info.");
        if (report.fails(threshold)) {
            List<Finding> failing = report.atLeast(threshold);
            StringBuilder message = new StringBuilder("Lint: ")
                    .append(failing.size())
                    .append(" finding(s) at or above ")
                    .append(failOn.strip().toLowerCase(Locale.ROOT))
                    .append(':');
            failing.forEach(finding -> message.append('\n').append(finding.summary()));
            notClean(warnOnly, message.toString());
        }
    }

    private static long count(LintReport report, Severity severity) {
        return report.findings().stream().filter(f -> f.severity() == severity).count();
    }

    /** {@code none} fails on nothing; the rest are severities. */
    static Severity threshold(String failOn) {
        if (failOn.strip().equalsIgnoreCase("none")) {
            return Severity.OFF;
        }
        try {
            Severity severity = Severity.parse(failOn);
            if (severity != Severity.OFF) {
                return severity;
            }
        } catch (MigrationsException e) {
            // the message below names the values failOn takes, which differ from a severity's
        }
        throw new MigrationsException("failOn must be error, warning, info or none, not '" + failOn + "'");
    }
}
