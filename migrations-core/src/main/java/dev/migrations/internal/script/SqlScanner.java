package dev.migrations.internal.script;

import dev.migrations.ScriptException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lexer behind {@link StatementSplitter}: one forward pass that skips over everything a
 * {@code ;} cannot end (strings, identifiers, comments, dollar-quoted bodies) and cuts at the
 * others. The token rules follow PostgreSQL's {@code scan.l}; the statement-level rules
 * (parentheses, {@code BEGIN ATOMIC ... END}) follow {@code psqlscan.l}.
 */
final class SqlScanner {

    private static final List<String> ROUTINE_WORDS = List.of("create", "or", "replace", "function", "procedure");

    private final String path;
    private final String text;
    private final int length;
    private final int firstLine;
    private final List<Statement> statements = new ArrayList<>();

    /** Where {@link #lineAt} last stopped, so that line numbers cost linear time overall. */
    private int countedOffset;

    private int countedLine;

    /** Offset of the current statement's first significant character, or -1 between statements. */
    private int start = -1;

    private int parenDepth;
    private int beginDepth;

    /** How many identifiers the current statement has had so far. */
    private int wordCount;

    /**
     * The initial of each of the first four identifiers of the statement when it is one of
     * CREATE, OR, REPLACE, FUNCTION, PROCEDURE (else 0), as psql keeps them to recognise a routine
     * definition whose BEGIN ... END body contains semicolons.
     */
    private final char[] leadingWords = new char[4];

    /** When not null, every token's text is collected here (for {@link SqlTokens}). */
    private List<String> tokens;

    /** How many tokens to collect before stopping. */
    private int tokenLimit = Integer.MAX_VALUE;

    SqlScanner(String path, String text, int firstLine) {
        this.path = path;
        this.text = text;
        this.length = text.length();
        this.firstLine = firstLine;
        this.countedLine = firstLine;
    }

    /** The tokens of the text, comments and whitespace left out. */
    List<String> tokens() {
        return tokens(Integer.MAX_VALUE);
    }

    /** The first {@code limit} tokens of the text; the rest is not read. */
    List<String> tokens(int limit) {
        tokens = new ArrayList<>();
        tokenLimit = limit;
        scan();
        return tokens;
    }

    List<Statement> scan() {
        int i = 0;
        while (i < length && (tokens == null || tokens.size() < tokenLimit)) {
            char c = text.charAt(i);
            if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                if (tokens != null) {
                    tokens.add(";");
                }
                endStatement(i);
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && next(i) == '-') {
                i = skipLineComment(i);
            } else if (c == '/' && next(i) == '*') {
                i = skipBlockComment(i);
            } else {
                if (start < 0) {
                    start = i;
                }
                int end = skipToken(i, c);
                if (tokens != null) {
                    tokens.add(text.substring(i, end));
                }
                i = end;
            }
        }
        endStatement(length);
        return statements;
    }

    private void endStatement(int end) {
        if (start >= 0) {
            statements.add(new Statement(text.substring(start, end).strip(), lineAt(start)));
        }
        start = -1;
        parenDepth = 0;
        beginDepth = 0;
        wordCount = 0;
        Arrays.fill(leadingWords, '\0');
    }

    /** Skips one token starting at {@code i}; returns the offset just after it. */
    private int skipToken(int i, char c) {
        return switch (c) {
            case '\'' ->
                skipQuoted(i, '\'', "single-quoted string", "close it with ' (write '' for a quote inside it)");
            case '"' -> skipQuoted(i, '"', "quoted identifier", "close it with \" (write \"\" for a quote inside it)");
            case '$' -> skipDollar(i);
            case '(' -> {
                parenDepth++;
                yield i + 1;
            }
            case ')' -> {
                parenDepth = Math.max(0, parenDepth - 1);
                yield i + 1;
            }
            default -> isIdentStart(c) ? skipWord(i, c) : isDigit(c) ? skipNumber(i) : i + 1;
        };
    }

    private int skipLineComment(int i) {
        int j = i + 2;
        while (j < length && text.charAt(j) != '\n' && text.charAt(j) != '\r') {
            j++;
        }
        return j;
    }

    private int skipBlockComment(int i) {
        int depth = 1;
        int j = i + 2;
        while (j < length) {
            char c = text.charAt(j);
            if (c == '*' && next(j) == '/') {
                j += 2;
                depth--;
                if (depth == 0) {
                    return j;
                }
            } else if (c == '/' && next(j) == '*') {
                j += 2;
                depth++;
            } else {
                j++;
            }
        }
        throw unterminated(i, "block comment", "close it with */ (block comments nest: every /* needs its own */)");
    }

    /** A standard string or a quoted identifier; a doubled quote stands for one quote. */
    private int skipQuoted(int i, char quote, String what, String fix) {
        int j = i + 1;
        while (true) {
            int close = text.indexOf(quote, j);
            if (close < 0) {
                throw unterminated(i, what, fix);
            }
            if (next(close) != quote) {
                return close + 1;
            }
            j = close + 2;
        }
    }

    /** An {@code E'...'} string: a backslash escapes the next character, {@code ''} is a quote. */
    private int skipExtendedString(int prefix) {
        int j = prefix + 2;
        while (j < length) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '\'' && next(j) != '\'') {
                return j + 1;
            } else {
                j += c == '\'' ? 2 : 1;
            }
        }
        throw unterminated(prefix, "single-quoted string", "close it with ' (write \\' or '' for a quote inside it)");
    }

    /** A dollar-quoted body, a {@code $1} parameter, or a lone {@code $}. */
    private int skipDollar(int i) {
        int j = i + 1;
        if (j < length && isDigit(text.charAt(j))) {
            while (j < length && isDigit(text.charAt(j))) {
                j++;
            }
            return j;
        }
        if (j < length && isIdentStart(text.charAt(j))) {
            j++;
            while (j < length && (isIdentStart(text.charAt(j)) || isDigit(text.charAt(j)))) {
                j++;
            }
        }
        if (j >= length || text.charAt(j) != '$') {
            // Not a delimiter: PostgreSQL returns the '$' alone and lexes the rest again.
            return i + 1;
        }
        String delimiter = text.substring(i, j + 1);
        int close = text.indexOf(delimiter, j + 1);
        if (close < 0) {
            throw unterminated(i, "dollar-quoted string " + delimiter, "close it with " + delimiter);
        }
        return close + delimiter.length();
    }

    /**
     * An identifier or keyword. Identifiers may contain {@code $}, so {@code a$b$} is one word and
     * never opens a dollar quote; a lone {@code E} or {@code e} before a quote opens an {@code
     * E'...'} string.
     */
    private int skipWord(int i, char c) {
        int end = i + 1;
        while (end < length && isIdentContinue(text.charAt(end))) {
            end++;
        }
        if (end == i + 1 && (c == 'E' || c == 'e') && end < length && text.charAt(end) == '\'') {
            return skipExtendedString(i);
        }
        noteWord(i, end - i);
        return end;
    }

    /** A number; trailing identifier characters ({@code 1abc}) belong to it, as in PostgreSQL. */
    private int skipNumber(int i) {
        int j = i + 1;
        while (j < length && (isDigit(text.charAt(j)) || text.charAt(j) == '.' || text.charAt(j) == '_')) {
            j++;
        }
        if (j < length && isIdentStart(text.charAt(j))) {
            j++;
            while (j < length && isIdentContinue(text.charAt(j))) {
                j++;
            }
        }
        return j;
    }

    /** psql's heuristic for SQL-standard routine bodies: track BEGIN/CASE ... END nesting. */
    private void noteWord(int from, int wordLength) {
        if (wordCount < leadingWords.length) {
            leadingWords[wordCount] = routineInitial(from, wordLength);
        }
        wordCount++;
        if (parenDepth != 0 || !isRoutineDefinition()) {
            return;
        }
        if (is(from, wordLength, "begin")) {
            beginDepth++;
        } else if (is(from, wordLength, "case")) {
            if (beginDepth > 0) {
                beginDepth++;
            }
        } else if (is(from, wordLength, "end") && beginDepth > 0) {
            beginDepth--;
        }
    }

    private char routineInitial(int from, int wordLength) {
        for (String word : ROUTINE_WORDS) {
            if (is(from, wordLength, word)) {
                return word.charAt(0);
            }
        }
        return '\0';
    }

    /** CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
    private boolean isRoutineDefinition() {
        char[] w = leadingWords;
        return w[0] == 'c'
                && (w[1] == 'f' || w[1] == 'p' || (w[1] == 'o' && w[2] == 'r' && (w[3] == 'f' || w[3] == 'p')));
    }

    private boolean is(int from, int wordLength, String word) {
        return wordLength == word.length() && text.regionMatches(true, from, word, 0, wordLength);
    }

    private char next(int i) {
        return i + 1 < length ? text.charAt(i + 1) : '\0';
    }

    private ScriptException unterminated(int offset, String what, String fix) {
        return new ScriptException(path, lineAt(offset), "unterminated " + what + " starting here; " + fix);
    }

    /** The file line of {@code offset}; called with non-decreasing offsets except on errors. */
    private int lineAt(int offset) {
        if (offset < countedOffset) {
            countedOffset = 0;
            countedLine = firstLine;
        }
        for (; countedOffset < offset; countedOffset++) {
            if (text.charAt(countedOffset) == '\n') {
                countedLine++;
            }
        }
        return countedLine;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** PostgreSQL treats every non-ASCII character as a letter. */
    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentContinue(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }
}
