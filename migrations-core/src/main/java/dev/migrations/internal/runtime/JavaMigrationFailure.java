package dev.migrations.internal.runtime;

import dev.migrations.internal.script.RevisionScript;
import java.sql.SQLException;

/** A Java migration threw: carries the revision and the cause to the online runner's report. */
final class JavaMigrationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient RevisionScript script;

    JavaMigrationFailure(RevisionScript script, Throwable cause) {
        super(describe(cause), cause, false, false);
        this.script = script;
    }

    RevisionScript script() {
        return script;
    }

    /** The 1-based line in the migration's source file where it threw, or 0 when unknown. */
    int line() {
        for (StackTraceElement frame : getCause().getStackTrace()) {
            String type = frame.getClassName();
            boolean own = type.equals(script.path()) || type.startsWith(script.path() + "$");
            if (own && frame.getLineNumber() > 0) {
                return frame.getLineNumber();
            }
        }
        return 0;
    }

    /** The database's SQLState when the cause is an SQL error. */
    String sqlState() {
        return getCause() instanceof SQLException e ? e.getSQLState() : null;
    }

    /** The message, or the exception's type when it has none; SQL errors by their message alone. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof SQLException) {
            return message == null ? e.getClass().getName() : message;
        }
        String type = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message;
    }
}
