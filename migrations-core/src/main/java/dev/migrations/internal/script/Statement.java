package dev.migrations.internal.script;

import java.util.Objects;

/**
 * One SQL statement of a revision script.
 *
 * @param sql the statement text, trimmed, without its terminating {@code ;} and without the
 *     comments that precede it (comments inside the statement are kept verbatim)
 * @param line the 1-based line of the script file on which the statement starts, or 0 when the
 *     statement does not come from a file
 */
public record Statement(String sql, int line) {

    /** Validates the components. */
    public Statement {
        Objects.requireNonNull(sql, "sql");
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 or more, was " + line);
        }
    }
}
