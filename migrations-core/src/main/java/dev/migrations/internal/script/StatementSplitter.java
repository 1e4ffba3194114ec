package dev.migrations.internal.script;

import java.util.List;
import java.util.Objects;

/**
 * Splits SQL text into statements the way PostgreSQL sees it.
 *
 * <p>A {@code ;} ends a statement except inside single-quoted strings ({@code ''} escapes, also
 * {@code U&'...'}), {@code E'...'} strings (backslash escapes), quoted identifiers, {@code --}
 * and nested block comments, and dollar-quoted bodies ({@code $$...$$}, {@code $tag$...$tag$}).
 * Like {@code psql}, a {@code ;} inside parentheses or inside the {@code BEGIN ... END} body of a
 * {@code CREATE FUNCTION}/{@code CREATE PROCEDURE} (SQL-standard function bodies) does not end
 * the statement either. Standard strings follow {@code standard_conforming_strings = on}: a
 * backslash is an ordinary character, so {@code 'a\'} is a complete string.
 *
 * <p>The work is linear in the length of the text.
 *
 * <pre>{@code
 * List<Statement> statements = StatementSplitter.split("x.sql", "SELECT 1;\nSELECT ';';", 10);
 * // [Statement[sql=SELECT 1, line=10], Statement[sql=SELECT ';', line=11]]
 * }</pre>
 */
public final class StatementSplitter {

    private StatementSplitter() {}

    /**
     * Splits {@code text} into statements.
     *
     * @param path the script's path as the user knows it, for error messages
     * @param text the SQL text
     * @param firstLine the line of the file on which the first character of {@code text} is
     * @return the non-empty statements in order, each trimmed and without its {@code ;}
     * @throws dev.migrations.ScriptException if a string, quoted identifier, block comment or
     *     dollar-quoted body is not closed; the error names the line where it starts
     */
    public static List<Statement> split(String path, String text, int firstLine) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine must be 1 or more, was " + firstLine);
        }
        return new SqlScanner(path, text, firstLine).scan();
    }
}
