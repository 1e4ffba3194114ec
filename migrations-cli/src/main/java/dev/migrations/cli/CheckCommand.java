package dev.migrations.cli;

import dev.migrations.SchemaChanges;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code check}: whether autogenerate would find changes between the database at head and the model.
 * Exit 0 with "No new upgrade operations detected.", 1 with Alembic's "New upgrade operations
 * detected: [...]", so CI can fail a build whose model and revisions disagree.
 */
@Command(name = "check", description = "Check if revision command with autogenerate has pending upgrade ops.")
final class CheckCommand extends Subcommand {
    /** Exit code when the model and the database at head differ. */
    static final int EXIT_CHANGES = 1;

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Override
    public Integer call() {
        SchemaChanges changes =
                online("check").check(modelOptions.source(parent.settings().classLoader()), modelOptions.excluded());
        if (json()) {
            println("{\n  \"upToDate\": " + changes.empty() + ",\n  \"operations\": " + array(changes.operations())
                    + ",\n  \"reviews\": " + array(changes.reviews()) + "\n}");
        } else if (changes.empty()) {
            println("No new upgrade operations detected.");
        } else {
            println("New upgrade operations detected: [" + String.join(", ", changes.operations()) + "]");
        }
        return changes.empty() ? 0 : EXIT_CHANGES;
    }

    private static String array(List<String> values) {
        if (values.isEmpty()) {
            return "[]";
        }
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "\n    " : ",\n    ").append(quote(values.get(i)));
        }
        return out.append("\n  ]").toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
