package dev.migrations.cli;

import dev.migrations.ChecksumMismatch;
import dev.migrations.MigrationStatus;
import dev.migrations.RevisionInfo;
import java.util.List;

/**
 * The {@code --format json} output of the read commands: an array of revision objects, two-space
 * indented. Field names are a contract for scripts; {@code head} and {@code effectiveHead} mirror
 * the {@code (head)} and {@code (effective head)} markers of the text output.
 */
final class Json {
    private Json() {}

    /** The revisions as a JSON array (no trailing newline). */
    static String revisions(List<RevisionInfo> revisions) {
        if (revisions.isEmpty()) {
            return "[]";
        }
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < revisions.size(); i++) {
            revision(out, revisions.get(i));
            out.append(i + 1 < revisions.size() ? ",\n" : "\n");
        }
        return out.append(']').toString();
    }

    /** A status as a JSON object (no trailing newline). */
    static String status(MigrationStatus status) {
        StringBuilder out = new StringBuilder("{\n");
        field(out, "current", array(status.current()), false);
        field(out, "heads", array(status.heads()), false);
        field(out, "target", quote(status.target()), false);
        field(out, "targetRevisions", array(status.targetRevisions()), false);
        field(out, "pending", array(status.pending()), false);
        field(out, "upToDate", String.valueOf(status.upToDate()), false);
        List<String> changed = new java.util.ArrayList<>();
        for (ChecksumMismatch mismatch : status.checksumMismatches()) {
            changed.add(mismatch.revision());
        }
        field(out, "changedScripts", array(changed), true);
        return out.append('}').toString();
    }

    private static void revision(StringBuilder out, RevisionInfo rev) {
        out.append("  {\n");
        field(out, "revision", quote(rev.id()), false);
        field(out, "downRevisions", array(rev.downRevisions()), false);
        field(out, "dependsOn", array(rev.dependencies()), false);
        field(out, "branchLabels", array(rev.branchLabels()), false);
        field(out, "nextRevisions", array(rev.nextRevisions()), false);
        field(out, "message", quote(rev.message()), false);
        field(out, "path", quote(AlembicFormat.displayPath(rev.path())), false);
        field(out, "head", String.valueOf(rev.realHead()), false);
        field(out, "effectiveHead", String.valueOf(rev.effectiveHead()), false);
        field(out, "branchPoint", String.valueOf(rev.branchPoint()), false);
        field(out, "mergePoint", String.valueOf(rev.mergePoint()), true);
        out.append("  }");
    }

    private static void field(StringBuilder out, String name, String value, boolean last) {
        out.append("    ").append(quote(name)).append(": ").append(value).append(last ? "\n" : ",\n");
    }

    private static String array(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        return out.append(']').toString();
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // U+2028/U+2029 are valid JSON but break JavaScript parsers; escape them too.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
