package dev.migrations.cli;

import dev.migrations.ChecksumMismatch;
import dev.migrations.MigrationStatus;
import dev.migrations.RevisionInfo;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.FleetResult;
import dev.migrations.fleet.TenantOutcome;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --format json} output of the read commands (an array of revision objects, two-space
 * indented) and of fleet runs (their summary). Field names are a contract for scripts; {@code head} and {@code effectiveHead} mirror
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

    /**
     * A fleet run as a JSON object (no trailing newline): the counts per state, the failed tenants
     * with their errors, and every tenant's outcome, one object a line. States are spelled as the
     * counts' keys ({@code atTarget}, {@code migrated}, {@code pending}, {@code failed}, {@code skipped}).
     *
     * @param command the verb, e.g. {@code upgrade}
     * @param shard this runner's shard, or null for every tenant
     */
    static String fleet(String command, FleetOptions.Shard shard, FleetResult result) {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"command\": ").append(quote(command)).append(",\n");
        out.append("  \"shard\": ")
                .append(shard == null ? "null" : quote(shard.toString()))
                .append(",\n");
        out.append("  \"tenants\": ").append(result.tenants().size()).append(",\n");
        out.append("  \"elapsedMs\": ").append(result.elapsed().toMillis()).append(",\n");
        out.append("  \"counts\": {");
        TenantOutcome.State[] states = TenantOutcome.State.values();
        for (int i = 0; i < states.length; i++) {
            out.append(i == 0 ? "" : ", ").append(quote(state(states[i]))).append(": ");
            out.append(result.count(states[i]));
        }
        out.append("},\n  \"failed\": [");
        List<TenantOutcome> failed = result.failed();
        for (int i = 0; i < failed.size(); i++) {
            out.append(i == 0 ? "\n" : ",\n")
                    .append("    {\"tenant\": ")
                    .append(quote(failed.get(i).tenant()));
            out.append(", \"error\": ")
                    .append(quote(String.valueOf(failed.get(i).error())))
                    .append('}');
        }
        out.append(failed.isEmpty() ? "],\n" : "\n  ],\n").append("  \"outcomes\": [");
        for (int i = 0; i < result.tenants().size(); i++) {
            out.append(i == 0 ? "\n" : ",\n").append("    ");
            outcome(out, result.tenants().get(i));
        }
        return out.append(result.tenants().isEmpty() ? "]\n}" : "\n  ]\n}").toString();
    }

    private static void outcome(StringBuilder out, TenantOutcome outcome) {
        out.append("{\"tenant\": ").append(quote(outcome.tenant()));
        out.append(", \"state\": ").append(quote(state(outcome.state())));
        out.append(", \"current\": ").append(array(outcome.current()));
        out.append(", \"pending\": ").append(array(outcome.pending()));
        out.append(", \"scriptsRun\": ").append(outcome.scriptsRun());
        out.append(", \"error\": ").append(outcome.error() == null ? "null" : quote(outcome.error()));
        out.append(", \"elapsedMs\": ").append(outcome.elapsed().toMillis()).append('}');
    }

    /** A state as the JSON spells it: {@code AT_TARGET} is {@code atTarget}. */
    static String state(TenantOutcome.State state) {
        String[] words = state.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
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
