package dev.migrations.cli;

import dev.migrations.Finding;
import dev.migrations.LintOptions;
import dev.migrations.LintReport;
import dev.migrations.MigrationsException;
import dev.migrations.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code lint}: reports statements that are dangerous on a live PostgreSQL database. Exit 0 when
 * nothing is at or above {@code --fail-on}, {@link #EXIT_FINDINGS} when something is (like {@code
 * status}'s "not clean"; 1 stays reserved for bugs), 2 for usage errors, 255 for errors.
 */
@Command(
        name = "lint",
        description = "Check revision scripts for statements that are risky on a live PostgreSQL database: exit 0"
                + " if nothing is at or above --fail-on, 3 if something is.")
final class LintCommand extends Subcommand {
    /** Exit code when findings reach the {@code --fail-on} threshold. */
    static final int EXIT_FINDINGS = 3;

    /** The threshold: findings at or above it fail the run. */
    enum FailOn {
        NONE,
        INFO,
        WARNING,
        ERROR
    }

    @Option(
            names = {"-r", "--rev-range"},
            paramLabel = "RANGE",
            description = "Only the revisions in [start]:[end], as for history (default: every revision).")
    String revRange;

    @Option(
            names = "--pending",
            description =
                    "Only the revisions the database (--url) has not applied yet (what 'upgrade heads' would run).")
    boolean pending;

    @Option(
            names = "--severity",
            paramLabel = "RULE=LEVEL",
            description = "Change a rule's severity: off, info, warning or error; repeatable.")
    Map<String, String> severities = new LinkedHashMap<>();

    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            description =
                    "Exit 3 when a finding is at or above this severity: error (default), warning, info or" + " none.")
    FailOn failOn = FailOn.ERROR;

    /** The output: the global {@code --format}'s two, and SARIF for code scanning. */
    enum Output {
        TEXT,
        JSON,
        SARIF
    }

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description =
                    "Output: text, json or sarif (SARIF 2.1.0, for code scanning); default: the global" + " --format.")
    Output output;

    @Override
    public Integer call() {
        if (pending && revRange != null) {
            throw new ParameterException(spec.commandLine(), "Give either --pending or --rev-range, not both");
        }
        LintOptions options = options();
        LintReport report = pending
                ? online("lint --pending").lintPending("heads", options)
                : migrations().lint(revRange, options);
        Severity threshold = failOn == FailOn.NONE ? Severity.OFF : Severity.valueOf(failOn.name());
        boolean failed = report.fails(threshold);
        Output shown = output != null ? output : json() ? Output.JSON : Output.TEXT;
        if (shown == Output.SARIF) {
            println(Sarif.log(report, MigrationsCommand.Version.number()));
        } else if (shown == Output.JSON) {
            println(json(report, failed));
        } else {
            for (Finding finding : report.findings()) {
                println(text(finding));
            }
            println(summary(report));
        }
        return failed ? EXIT_FINDINGS : 0;
    }

    private LintOptions options() {
        LintOptions options = LintOptions.defaults();
        for (Map.Entry<String, String> entry : severities.entrySet()) {
            try {
                options = options.withSeverity(entry.getKey(), Severity.parse(entry.getValue()));
            } catch (MigrationsException e) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--severity " + entry.getKey() + "=" + entry.getValue() + ": " + e.getMessage());
            }
        }
        return options;
    }

    /** {@code path:line: [severity] rule: message}, then the statement, why and instead, indented. */
    static String text(Finding f) {
        StringBuilder out = new StringBuilder();
        out.append(AlembicFormat.displayPath(f.path()))
                .append(':')
                .append(f.line())
                .append(": [")
                .append(f.severity().label())
                .append("] ")
                .append(f.rule())
                .append(": ")
                .append(f.message())
                .append('\n');
        for (String line : f.statement().lines().toList()) {
            out.append("    ").append(line).append('\n');
        }
        out.append("    why: ").append(f.why()).append('\n');
        out.append("    instead: ").append(f.instead());
        return out.toString();
    }

    private static String summary(LintReport report) {
        int errors = report.atLeast(Severity.ERROR).size();
        int warnings = report.atLeast(Severity.WARNING).size() - errors;
        int infos = report.findings().size() - errors - warnings;
        return "Linted " + report.revisions().size() + " revision(s): " + errors + " error(s), " + warnings
                + " warning(s), " + infos + " info.";
    }

    private String json(LintReport report, boolean failed) {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"revisions\": ").append(array(report.revisions())).append(",\n");
        out.append("  \"failOn\": ").append(Json.quote(failOn.name().toLowerCase(java.util.Locale.ROOT)));
        out.append(",\n  \"failed\": ").append(failed).append(",\n");
        out.append("  \"findings\": [");
        List<Finding> findings = report.findings();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {");
            out.append("\"rule\": ").append(Json.quote(f.rule()));
            out.append(", \"severity\": ").append(Json.quote(f.severity().label()));
            out.append(", \"revision\": ").append(Json.quote(f.revision()));
            out.append(", \"path\": ").append(Json.quote(AlembicFormat.displayPath(f.path())));
            out.append(", \"line\": ").append(f.line());
            out.append(", \"statement\": ").append(Json.quote(f.statement()));
            out.append(", \"message\": ").append(Json.quote(f.message()));
            out.append(", \"why\": ").append(Json.quote(f.why()));
            out.append(", \"instead\": ").append(Json.quote(f.instead())).append('}');
        }
        return out.append(findings.isEmpty() ? "]\n}" : "\n  ]\n}").toString();
    }

    private static String array(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(Json.quote(values.get(i)));
        }
        return out.append(']').toString();
    }
}
