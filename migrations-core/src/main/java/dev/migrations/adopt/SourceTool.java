package dev.migrations.adopt;

import java.util.Locale;

/** The tool a project comes from, and the history table it keeps. */
public enum SourceTool {
    /** Flyway: versioned {@code V<version>__<description>.sql} scripts, history in {@code flyway_schema_history}. */
    FLYWAY("flyway_schema_history"),
    /** Liquibase: changelogs of changesets, history in {@code databasechangelog}. */
    LIQUIBASE("databasechangelog");

    private final String historyTable;

    SourceTool(String historyTable) {
        this.historyTable = historyTable;
    }

    /** The history table's default name, as the tool creates it on PostgreSQL. */
    public String historyTable() {
        return historyTable;
    }

    /** The name users type: {@code flyway} or {@code liquibase}. */
    public String command() {
        return name().toLowerCase(Locale.ROOT);
    }
}
