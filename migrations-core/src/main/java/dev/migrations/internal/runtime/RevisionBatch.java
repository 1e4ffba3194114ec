package dev.migrations.internal.runtime;

import dev.migrations.ScriptException;
import dev.migrations.internal.script.SqlTokens;
import dev.migrations.internal.script.Statement;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A transactional revision's statements sent with its version-table changes and history row as one
 * JDBC batch: pgjdbc pipelines a {@code Statement} batch into one round trip, where running the
 * statements one by one costs one each. On a failure the whole transaction is lost anyway, so the
 * only question is which entry failed; the driver's message names it (see {@link #failedEntry}).
 */
final class RevisionBatch {
    /**
     * The statements that behave the same in a batch, by first word. A query (SELECT, VALUES, TABLE,
     * WITH ... SELECT) does not: pgjdbc asks the server for one row of each batched statement, so
     * {@code SELECT f(x) FROM t} would stop after calling f once. DML with RETURNING and utility
     * statements run to completion whatever is fetched. Transaction control and anything unknown take
     * the one-statement-at-a-time path.
     */
    private static final Set<String> BATCHABLE = Set.of(
            "create",
            "alter",
            "drop",
            "insert",
            "update",
            "delete",
            "merge",
            "truncate",
            "comment",
            "grant",
            "revoke",
            "do",
            "call",
            "set",
            "reset",
            "lock",
            "refresh",
            "reindex",
            "cluster",
            "analyze",
            "analyse",
            "security",
            "import",
            "notify");

    private RevisionBatch() {}

    /** What sending a batch came to. */
    sealed interface Outcome permits Sent, Refused, Failed {}

    /** The batch ran; one update count per entry. */
    record Sent(List<Integer> counts) implements Outcome {
        Sent {
            counts = List.copyOf(counts);
        }
    }

    /** The driver refused an entry before sending anything (e.g. one it reads as several statements). */
    record Refused(SQLException reason) implements Outcome {}

    /**
     * The batch failed in entry {@code entry}, or in an entry the driver's message does not identify
     * ({@code entry} -1); {@code cause} is the server's error.
     */
    record Failed(int entry, SQLException cause) implements Outcome {}

    /** Whether every statement runs the same in a batch as on its own. */
    static boolean batchable(List<Statement> statements) {
        try {
            for (Statement statement : statements) {
                if (!BATCHABLE.contains(SqlTokens.first(statement.sql()).toLowerCase(Locale.ROOT))) {
                    return false;
                }
            }
            return true;
        } catch (ScriptException unterminated) {
            return false; // the server says what is wrong with it, one statement at a time
        }
    }

    /** Sends the entries as one batch on the connection's current transaction. */
    static Outcome send(Connection connection, List<String> entries) {
        try (java.sql.Statement st = connection.createStatement()) {
            try {
                for (String sql : entries) {
                    st.addBatch(sql);
                }
            } catch (SQLException refused) {
                return new Refused(refused);
            }
            try {
                return new Sent(Arrays.stream(st.executeBatch()).boxed().toList());
            } catch (SQLException e) {
                return new Failed(failedEntry(e, entries), serverError(e));
            }
        } catch (SQLException e) {
            return new Failed(-1, e);
        }
    }

    /**
     * The entry a failed batch names, or -1. pgjdbc says {@code Batch entry <index> <sql> was aborted:
     * <error>} in the connection's language, with the index formatted for its locale, and
     * {@code <unknown>} for the SQL when {@code logServerErrorDetail} is off: the entry is the one
     * whose SQL appears right after its own index, when exactly one does.
     */
    static int failedEntry(SQLException e, List<String> entries) {
        String message = e.getMessage();
        if (!(e instanceof BatchUpdateException) || message == null) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < entries.size(); i++) {
            String sql = entries.get(i);
            for (int at = message.indexOf(sql); at >= 0 && !sql.isEmpty(); at = message.indexOf(sql, at + 1)) {
                if (numberBefore(message, at) == i) {
                    if (found >= 0 && found != i) {
                        return -1;
                    }
                    found = i;
                }
            }
        }
        return found;
    }

    /** The number ending just before {@code at} (spaces between allowed, grouping separators skipped), or -1. */
    private static long numberBefore(String message, int at) {
        int end = at;
        while (end > 0 && Character.isWhitespace(message.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && (Character.isDigit(message.charAt(start - 1)) || isGrouping(message.charAt(start - 1)))) {
            start--;
        }
        long value = -1;
        for (int i = start; i < end; i++) {
            int digit = Character.digit(message.charAt(i), 10);
            if (digit >= 0) {
                value = Math.max(value, 0) * 10 + digit;
                if (value > Integer.MAX_VALUE) {
                    return -1;
                }
            } else if (value < 0) {
                return -1; // a separator before the first digit: not a number
            }
        }
        return value;
    }

    private static boolean isGrouping(char c) {
        return c == ',' || c == '.' || c == '\'' || c == '\u00a0' || c == '\u202f' || c == '\u2019';
    }

    /** The server's error behind a batch failure (pgjdbc chains it), else the failure itself. */
    static SQLException serverError(SQLException e) {
        return e instanceof BatchUpdateException && e.getNextException() != null ? e.getNextException() : e;
    }
}
