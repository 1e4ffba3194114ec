package dev.migrations.internal.script;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a script.
 *
 * @param number the 1-based line number
 * @param start the offset of the line's first character in the decoded text
 * @param text the line without its line terminator ({@code \n} or {@code \r\n})
 */
record SourceLine(int number, int start, String text) {

    /** Splits decoded text into lines; a final line terminator does not start another line. */
    static List<SourceLine> split(String text) {
        List<SourceLine> lines = new ArrayList<>();
        int start = 0;
        int number = 1;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            lines.add(new SourceLine(number, start, text.substring(start, contentEnd)));
            number++;
            start = end + 1;
        }
        return lines;
    }

    /** Whether the line, ignoring surrounding whitespace, is a {@code --} comment. */
    boolean isComment() {
        return text.strip().startsWith("--");
    }

    /** Whether the line holds nothing but whitespace. */
    boolean isBlank() {
        return text.isBlank();
    }

    /** For a comment line, the text after {@code --}, trimmed. */
    String commentText() {
        return text.strip().substring(2).strip();
    }
}
