package dev.migrations.cli;

import dev.migrations.RevisionInfo;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Alembic's text forms of a revision, character for character: {@code Script.log_entry}, {@code
 * _head_only}, {@code cmd_format} and {@code _format_down_revision} from {@code
 * alembic/script/base.py}, plus the block {@code branches} prints.
 *
 * <p>Every method returns the text without the newline Alembic's {@code print_stdout} adds; the
 * commands add it when printing. The {@code current} flag is Alembic's {@code
 * _db_current_indicator}, set only by {@code history -i}.
 */
final class AlembicFormat {
    private AlembicFormat() {}

    /** {@code _format_down_revision}: {@code <base>} for a base, else the parents comma-joined. */
    static String formatDownRevision(RevisionInfo rev) {
        return rev.downRevisions().isEmpty() ? "<base>" : String.join(", ", rev.downRevisions());
    }

    /** {@code longdoc}: the header text, stripped as Python's {@code str.strip()} would. */
    static String longDoc(RevisionInfo rev) {
        String longDoc = pythonStrip(rev.longDoc());
        return longDoc.isEmpty() ? pythonStrip(rev.message()) : longDoc;
    }

    /** {@code doc}: the first paragraph of the long doc (normally the message). */
    static String doc(RevisionInfo rev) {
        String longDoc = longDoc(rev);
        int paragraphEnd = longDoc.indexOf("\n\n");
        return paragraphEnd < 0 ? longDoc : longDoc.substring(0, paragraphEnd);
    }

    /** {@code log_entry}: the verbose form {@code show} and {@code -v} print (ends with a newline). */
    static String logEntry(RevisionInfo rev, boolean current) {
        StringBuilder entry = new StringBuilder("Rev: ").append(rev.id());
        entry.append(rev.head() ? " (head)" : "");
        entry.append(rev.branchPoint() ? " (branchpoint)" : "");
        entry.append(rev.mergePoint() ? " (mergepoint)" : "");
        entry.append(current ? " (current)" : "").append('\n');
        entry.append(rev.mergePoint() ? "Merges: " : "Parent: ")
                .append(formatDownRevision(rev))
                .append('\n');
        if (!rev.dependencies().isEmpty()) {
            entry.append("Also depends on: ")
                    .append(String.join(", ", rev.dependencies()))
                    .append('\n');
        }
        if (rev.branchPoint()) {
            entry.append("Branches into: ")
                    .append(String.join(", ", rev.nextRevisions()))
                    .append('\n');
        }
        if (!rev.branchLabels().isEmpty()) {
            entry.append("Branch names: ")
                    .append(String.join(", ", rev.branchLabels()))
                    .append('\n');
        }
        entry.append("Path: ").append(displayPath(rev.path())).append('\n');
        List<String> indented = new ArrayList<>();
        for (String paragraph : pythonSplitLines(longDoc(rev))) {
            indented.add("    " + paragraph);
        }
        entry.append('\n').append(String.join("\n", indented)).append('\n');
        return entry.toString();
    }

    /** {@code log_entry} without the current indicator. */
    static String logEntry(RevisionInfo rev) {
        return logEntry(rev, false);
    }

    /**
     * {@code _head_only} with {@code head_indicators=True} (the only value {@code cmd_format}
     * passes): {@code [<down> [(<deps>)] -> ]<rev>[ (<labels>)][ (head)| (effective head)][
     * (current)][ (branchpoint)][ (mergepoint)][, <doc>]}.
     */
    static String headOnly(
            RevisionInfo rev,
            boolean current,
            boolean includeBranches,
            boolean includeDoc,
            boolean includeParents,
            boolean treeIndicators) {
        String text = rev.id();
        if (includeParents) {
            text = rev.dependencies().isEmpty()
                    ? formatDownRevision(rev) + " -> " + text
                    : formatDownRevision(rev) + " (" + String.join(", ", rev.dependencies()) + ") -> " + text;
        }
        StringBuilder out = new StringBuilder(text);
        if (includeBranches && !rev.branchLabels().isEmpty()) {
            out.append(" (").append(String.join(", ", rev.branchLabels())).append(')');
        }
        out.append(rev.realHead() ? " (head)" : "");
        out.append(rev.effectiveHead() ? " (effective head)" : "");
        out.append(current ? " (current)" : "");
        if (treeIndicators) {
            out.append(rev.branchPoint() ? " (branchpoint)" : "");
            out.append(rev.mergePoint() ? " (mergepoint)" : "");
        }
        if (includeDoc) {
            out.append(", ").append(doc(rev));
        }
        return out.toString();
    }

    /** {@code cmd_format}: the verbose {@link #logEntry} or the one-line {@link #headOnly}. */
    static String cmdFormat(
            RevisionInfo rev,
            boolean current,
            boolean verbose,
            boolean includeBranches,
            boolean includeDoc,
            boolean includeParents,
            boolean treeIndicators) {
        return verbose
                ? logEntry(rev, current)
                : headOnly(rev, current, includeBranches, includeDoc, includeParents, treeIndicators);
    }

    /** A line of {@code heads}: {@code cmd_format(verbose, include_branches=True, tree_indicators=False)}. */
    static String headsEntry(RevisionInfo rev, boolean verbose) {
        return cmdFormat(rev, false, verbose, true, false, false, false);
    }

    /**
     * A line of {@code history}: {@code cmd_format(verbose, include_branches=True, include_doc=True,
     * include_parents=True)}.
     */
    static String historyEntry(RevisionInfo rev, boolean current, boolean verbose) {
        return cmdFormat(rev, current, verbose, true, true, true, true);
    }

    /**
     * A block of {@code branches}: the branch point, then one {@code <spaces> -> <child>} line per
     * child, then a newline (printing adds another, leaving a blank line after the block).
     */
    static String branchesEntry(RevisionInfo branchPoint, List<RevisionInfo> children, boolean verbose) {
        String indent =
                " ".repeat(branchPoint.id().codePointCount(0, branchPoint.id().length()));
        List<String> lines = new ArrayList<>();
        for (RevisionInfo child : children) {
            lines.add(indent + " -> " + cmdFormat(child, false, false, true, verbose, false, true));
        }
        return cmdFormat(branchPoint, false, verbose, true, false, false, true) + "\n" + String.join("\n", lines)
                + "\n";
    }

    /**
     * The path as Alembic shows it: absolute for a file (Alembic joins the real directory and the
     * file name); a {@code classpath:} location is shown as is.
     */
    static String displayPath(String path) {
        // Java migrations are shown by class name; scripts (always *.sql) by absolute path.
        if (path.startsWith("classpath:") || !path.endsWith(".sql")) {
            return path;
        }
        try {
            return Path.of(path).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            return path;
        }
    }

    /** Python's {@code str.splitlines()}: every Unicode line boundary, no trailing empty line. */
    static List<String> pythonSplitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isPythonLineBreak(c)) {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isPythonLineBreak(char c) {
        return switch (c) {
            case '\n', '\r', '\u000B', '\u000C', '\u001C', '\u001D', '\u001E', '\u0085', '\u2028', '\u2029' -> true;
            default -> false;
        };
    }

    /** Python's {@code str.strip()}: removes what {@code str.isspace()} calls whitespace. */
    static String pythonStrip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isPythonSpace(char c) {
        return (c >= '\t' && c <= '\r')
                || (c >= '\u001C' && c <= '\u001F')
                || c == ' '
                || c == '\u0085'
                || c == '\u00A0'
                || c == '\u1680'
                || (c >= '\u2000' && c <= '\u200A')
                || c == '\u2028'
                || c == '\u2029'
                || c == '\u202F'
                || c == '\u205F'
                || c == '\u3000';
    }
}
