package dev.migrations.adopt;

import dev.migrations.MigrationsException;

/** The database's history does not match the imported revisions; nothing was written. */
public final class AdoptionRefusedException extends MigrationsException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // a report is never serialized; the message carries its lines
    private final AdoptionReport report;

    /** Creates the error with one line per problem. */
    public AdoptionRefusedException(AdoptionReport report) {
        super(message(report));
        this.report = report;
    }

    /** The check that failed. */
    public AdoptionReport report() {
        return report;
    }

    private static String message(AdoptionReport report) {
        StringBuilder sb =
                new StringBuilder("Cannot adopt: " + report.problems().size() + " problem(s) in "
                        + report.historyTable() + "; nothing was written to the database.");
        for (AdoptionProblem problem : report.problems()) {
            sb.append("\n  ").append(problem.describe());
        }
        return sb.toString();
    }
}
