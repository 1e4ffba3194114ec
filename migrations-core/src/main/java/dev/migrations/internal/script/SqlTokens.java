package dev.migrations.internal.script;

import java.util.List;
import java.util.Objects;

/**
 * The tokens of one SQL statement as PostgreSQL's lexer cuts them: words, quoted identifiers,
 * string literals (with their quotes), dollar-quoted bodies, numbers and single punctuation
 * characters; whitespace and comments are dropped. Used where a statement must be understood
 * without a full grammar (the lint's fallback when its parser does not know a statement).
 *
 * <pre>{@code
 * SqlTokens.of("VACUUM /* nightly *\/ FULL \"Orders\"") // [VACUUM, FULL, "Orders"]
 * }</pre>
 */
public final class SqlTokens {

    private SqlTokens() {}

    /**
     * Cuts {@code sql} into tokens.
     *
     * @throws dev.migrations.ScriptException if a string, quoted identifier, block comment or
     *     dollar-quoted body is not closed
     */
    public static List<String> of(String sql) {
        Objects.requireNonNull(sql, "sql");
        return List.copyOf(new SqlScanner("<statement>", sql, 1).tokens());
    }

    /**
     * The statement's first token (its command word, for most statements), reading no further; empty
     * for a statement of only comments and whitespace.
     *
     * <pre>{@code
     * SqlTokens.first("/* fix *\/ select 1") // "select"
     * }</pre>
     *
     * @throws dev.migrations.ScriptException if the first token is a string, quoted identifier or
     *     dollar-quoted body that is not closed, or a block comment before it is not closed
     */
    public static String first(String sql) {
        Objects.requireNonNull(sql, "sql");
        List<String> tokens = new SqlScanner("<statement>", sql, 1).tokens(1);
        return tokens.isEmpty() ? "" : tokens.get(0);
    }
}
