package dev.migrations.internal.dialect;

import java.util.Locale;
import java.util.Set;

/** H2, the embedded default: DDL commits implicitly, so runs are not wrapped in BEGIN/COMMIT offline. */
public final class H2Dialect extends Dialect {
    private static final Set<String> RESERVED = Set.of(
            "all",
            "and",
            "any",
            "array",
            "as",
            "asymmetric",
            "authorization",
            "between",
            "both",
            "case",
            "cast",
            "check",
            "constraint",
            "cross",
            "current_catalog",
            "current_date",
            "current_path",
            "current_role",
            "current_schema",
            "current_time",
            "current_timestamp",
            "current_user",
            "day",
            "default",
            "distinct",
            "else",
            "end",
            "except",
            "exists",
            "false",
            "fetch",
            "for",
            "foreign",
            "from",
            "full",
            "group",
            "groups",
            "having",
            "hour",
            "if",
            "ilike",
            "in",
            "inner",
            "intersect",
            "interval",
            "is",
            "join",
            "key",
            "leading",
            "left",
            "like",
            "limit",
            "localtime",
            "localtimestamp",
            "minus",
            "minute",
            "month",
            "natural",
            "not",
            "null",
            "offset",
            "on",
            "or",
            "order",
            "over",
            "partition",
            "primary",
            "qualify",
            "range",
            "regexp",
            "right",
            "row",
            "rownum",
            "rows",
            "second",
            "select",
            "session_user",
            "set",
            "some",
            "symmetric",
            "system_user",
            "table",
            "to",
            "top",
            "trailing",
            "true",
            "uescape",
            "union",
            "unique",
            "unknown",
            "user",
            "using",
            "value",
            "values",
            "when",
            "where",
            "window",
            "with",
            "year");

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    protected Set<String> reservedWords() {
        return RESERVED;
    }

    @Override
    public String tableExists() {
        return "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = COALESCE(CAST(? AS VARCHAR), CURRENT_SCHEMA) AND TABLE_NAME = ?";
    }

    @Override
    public String storedName(String identifier) {
        return quote(identifier).equals(identifier) ? identifier.toUpperCase(Locale.ROOT) : identifier;
    }

    @Override
    public MigrationLock lock(String schema, String table) {
        return new H2TableLock(qualified(schema, table + "_lock"));
    }
}
