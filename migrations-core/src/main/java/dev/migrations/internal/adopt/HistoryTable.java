package dev.migrations.internal.adopt;

import dev.migrations.MigrationsException;
import dev.migrations.adopt.SourceTool;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Reads Flyway's or Liquibase's history table, read-only, whatever case the tool created it in. */
final class HistoryTable {
    /** What a history row says about one migration. */
    enum Status {
        APPLIED,
        FAILED,
        BASELINE,
        /** Rows that stand for no migration of the files: Flyway's schema marker, repeatable runs, deletes. */
        IGNORED
    }

    /**
     * One row.
     *
     * @param key the Flyway version's key, or the changeset's id and author
     * @param name how users name the migration
     * @param checksum the stored checksum, null when none is stored
     */
    record Row(
            String key,
            String name,
            String description,
            @Nullable String checksum,
            Status status) {}

    private HistoryTable() {}

    /**
     * The table's name as found in the catalog, schema-qualified, or null when absent. A bare name is looked
     * for in the connection's current schema only, where both tools create it by default: another schema's
     * table of the same name (another tenant's, say) is not this database's history.
     */
    static @Nullable String find(Connection connection, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        int dot = table.indexOf('.');
        String schema = dot < 0 ? connection.getSchema() : table.substring(0, dot);
        String bare = dot < 0 ? table : table.substring(dot + 1);
        for (String inSchema : cases(schema)) {
            for (String name : cases(bare)) {
                try (ResultSet tables = meta.getTables(null, inSchema, name, new String[] {"TABLE"})) {
                    if (tables.next()) {
                        return quote(tables.getString("TABLE_SCHEM")) + "." + quote(tables.getString("TABLE_NAME"));
                    }
                }
            }
        }
        return null;
    }

    /** The name as given, and in the lower and upper case the tools create names in on different databases. */
    private static List<@Nullable String> cases(@Nullable String name) {
        if (name == null) {
            return Collections.singletonList(null);
        }
        return List.copyOf(
                new LinkedHashSet<>(List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The rows, in the order the tool ran them. */
    static List<Row> read(DataSource dataSource, SourceTool tool, String table) {
        try (Connection connection = dataSource.getConnection()) {
            String found = find(connection, table);
            if (found == null) {
                throw new MigrationsException("No table " + table
                        + (table.contains(".") ? "" : " in the current schema " + connection.getSchema())
                        + " of this database, so there is no "
                        + (tool == SourceTool.FLYWAY ? "Flyway" : "Liquibase") + " history to adopt; check --url,"
                        + " or give the table as schema.name with --history-table");
            }
            // Sorted here, not in SQL: the tools create column names in different cases on different databases,
            // and only the JDBC label lookup is case-insensitive everywhere.
            String order = tool == SourceTool.FLYWAY ? "installed_rank" : "orderexecuted";
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT * FROM " + found)) {
                List<Map.Entry<Long, Row>> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(Map.entry(rs.getLong(order), tool == SourceTool.FLYWAY ? flyway(rs) : liquibase(rs)));
                }
                rows.sort(Map.Entry.comparingByKey());
                return rows.stream().map(Map.Entry::getValue).toList();
            }
        } catch (SQLException e) {
            throw new MigrationsException("Cannot read " + table + ": " + e.getMessage(), e);
        }
    }

    private static Row flyway(ResultSet rs) throws SQLException {
        String version = rs.getString("version");
        String type = rs.getString("type");
        String description = rs.getString("description");
        int checksum = rs.getInt("checksum");
        String stored = rs.wasNull() ? null : Integer.toString(checksum);
        FlywayVersion parsed = version == null ? null : FlywayVersion.parse(version);
        if (parsed == null || "SCHEMA".equals(type) || "DELETE".equals(type)) {
            return new Row("", version == null ? "R" : "V" + version, description, stored, Status.IGNORED);
        }
        // A baseline migration's row (B<version>__, Flyway's SQL_BASELINE) stands, like a baseline row, for every
        // version up to it: the database was created from it instead of the versioned scripts it replaces.
        boolean baseline = "BASELINE".equals(type) || "SQL_BASELINE".equals(type) || "JDBC_BASELINE".equals(type);
        Status status = !rs.getBoolean("success") ? Status.FAILED : baseline ? Status.BASELINE : Status.APPLIED;
        return new Row(parsed.key(), "V" + version, description, stored, status);
    }

    private static Row liquibase(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String author = rs.getString("author");
        String type = rs.getString("exectype");
        Status status =
                switch (type == null ? "" : type) {
                    case "FAILED" -> Status.FAILED;
                    case "SKIPPED" -> Status.IGNORED;
                    default -> Status.APPLIED;
                };
        String description = rs.getString("description");
        return new Row(
                Provenance.liquibaseKey(id, author),
                id + " by " + author + " (" + rs.getString("filename") + ")",
                description == null ? "" : description,
                rs.getString("md5sum"),
                status);
    }
}
