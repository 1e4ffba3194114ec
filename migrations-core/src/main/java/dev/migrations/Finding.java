package dev.migrations;

import java.util.Objects;

/**
 * One hazard the lint found.
 *
 * @param rule the rule's id, e.g. {@code create-index-not-concurrently}
 * @param severity the configured severity (never {@link Severity#OFF})
 * @param revision the revision whose script holds the statement
 * @param path the script's path as users know it
 * @param line the 1-based line of the statement (of the header for revision-level findings)
 * @param statement the statement as written, or empty for revision-level findings
 * @param message what is wrong here, with the names involved
 * @param why why it is dangerous on a table with data and traffic
 * @param instead the safe alternative
 */
public record Finding(
        String rule,
        Severity severity,
        String revision,
        String path,
        int line,
        String statement,
        String message,
        String why,
        String instead) {

    /** Validates the components. */
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        if (severity == Severity.OFF) {
            throw new IllegalArgumentException("a finding cannot have severity off");
        }
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(path, "path");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 or more, was " + line);
        }
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(instead, "instead");
    }

    /** {@code path:line: [severity] rule: message}, the one-line form of logs and start-up failures. */
    public String summary() {
        return path + ":" + line + ": [" + severity.label() + "] " + rule + ": " + message;
    }
}
