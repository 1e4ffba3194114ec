package dev.migrations.adopt;

import dev.migrations.MigrationsException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a database keeps Flyway's or Liquibase's history: the tool and its table.
 *
 * @param tool the tool
 * @param table the history table, {@code schema.name} or a bare name (then in the connection's current schema,
 *     where both tools create it by default)
 */
public record ToolHistory(SourceTool tool, String table) {

    /** Validates. */
    public ToolHistory {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(table, "table");
        if (table.isBlank()) {
            throw new MigrationsException("The " + tool.command() + " history table needs a name, e.g. "
                    + tool.historyTable() + " or app." + tool.historyTable());
        }
    }

    /** The tool's table under its default name. */
    public static ToolHistory of(SourceTool tool) {
        return new ToolHistory(tool, tool.historyTable());
    }

    /**
     * The tool's table as its settings name it.
     *
     * @param schema the schema the tool keeps it in, or null for the connection's current schema
     * @param table the table's name, or null for the tool's default
     */
    public static ToolHistory of(SourceTool tool, @Nullable String schema, @Nullable String table) {
        String name = table == null || table.isBlank() ? tool.historyTable() : table;
        return new ToolHistory(tool, schema == null || schema.isBlank() ? name : schema + "." + name);
    }
}
