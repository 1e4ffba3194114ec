package dev.migrations.dialect;

import dev.migrations.MigrationsException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SQL that differs per database. Version-table statements are rendered exactly as Alembic's
 * offline mode renders them, so a script from this tool reads like one from Alembic.
 */
public abstract class Dialect {
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    /** The dialect's short name, e.g. {@code postgresql}. */
    public abstract String name();

    /** Whether DDL takes part in transactions (a failed revision leaves nothing behind). */
    public abstract boolean transactionalDdl();

    /** Words that must be quoted to be used as identifiers. */
    protected abstract Set<String> reservedWords();

    /** Suffix of the offline INSERT into the version table (PostgreSQL: {@code RETURNING ...}). */
    protected String insertSuffix(String qualifiedTable) {
        return "";
    }

    /** Quotes an identifier when, and only when, it needs quoting. The one place identifiers are quoted. */
    public final String quote(String identifier) {
        if (PLAIN_IDENTIFIER.matcher(identifier).matches()
                && !reservedWords().contains(identifier.toLowerCase(Locale.ROOT))) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The version table's name, schema-qualified when a schema is given. */
    public final String qualified(String schema, String table) {
        return schema == null || schema.isEmpty() ? quote(table) : quote(schema) + "." + quote(table);
    }

    /** {@code CREATE TABLE} for the version table, in Alembic's shape. */
    public String createVersionTable(String schema, String table) {
        return "CREATE TABLE " + qualified(schema, table) + " (\n"
                + "    version_num VARCHAR(32) NOT NULL, \n"
                + "    CONSTRAINT " + quote(table + "_pkc") + " PRIMARY KEY (version_num)\n"
                + ")";
    }

    /** Inserts a version row. */
    public String insertVersion(String schema, String table, String version) {
        String qualified = qualified(schema, table);
        return "INSERT INTO " + qualified + " (version_num) VALUES ('" + version + "')" + insertSuffix(qualified);
    }

    /** Changes one version row. */
    public String updateVersion(String schema, String table, String from, String to) {
        String qualified = qualified(schema, table);
        return "UPDATE " + qualified + " SET version_num='" + to + "' WHERE " + qualified + ".version_num = '" + from
                + "'";
    }

    /** Deletes one version row. */
    public String deleteVersion(String schema, String table, String version) {
        String qualified = qualified(schema, table);
        return "DELETE FROM " + qualified + " WHERE " + qualified + ".version_num = '" + version + "'";
    }

    /** Picks the dialect for a name ({@code postgresql}, {@code h2}) or a JDBC URL. */
    public static Dialect of(String nameOrUrl) {
        String key = nameOrUrl.toLowerCase(Locale.ROOT);
        if (key.startsWith("jdbc:")) {
            key = key.substring(5, key.indexOf(':', 5) < 0 ? key.length() : key.indexOf(':', 5));
        }
        return switch (key) {
            case "postgresql", "postgres", "pg" -> new PostgresDialect();
            case "h2" -> new H2Dialect();
            default ->
                throw new MigrationsException(
                        "Unsupported database '" + nameOrUrl + "'; supported: postgresql, h2");
        };
    }
}
