package dev.migrations.internal.dialect;

import dev.migrations.LockMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL: transactional DDL, {@code RETURNING} on the offline version insert. */
public final class PostgresDialect extends Dialect {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDialect.class);
    private static final Set<String> RESERVED = Set.of(
            "all",
            "analyse",
            "analyze",
            "and",
            "any",
            "array",
            "as",
            "asc",
            "asymmetric",
            "authorization",
            "between",
            "binary",
            "both",
            "case",
            "cast",
            "check",
            "collate",
            "column",
            "constraint",
            "create",
            "cross",
            "current_catalog",
            "current_date",
            "current_role",
            "current_schema",
            "current_time",
            "current_timestamp",
            "current_user",
            "default",
            "deferrable",
            "desc",
            "distinct",
            "do",
            "else",
            "end",
            "except",
            "false",
            "fetch",
            "for",
            "foreign",
            "freeze",
            "from",
            "full",
            "grant",
            "group",
            "having",
            "ilike",
            "in",
            "initially",
            "inner",
            "intersect",
            "into",
            "is",
            "isnull",
            "join",
            "lateral",
            "leading",
            "left",
            "like",
            "limit",
            "localtime",
            "localtimestamp",
            "natural",
            "not",
            "notnull",
            "null",
            "offset",
            "on",
            "only",
            "or",
            "order",
            "outer",
            "overlaps",
            "placing",
            "primary",
            "references",
            "returning",
            "right",
            "select",
            "session_user",
            "similar",
            "some",
            "symmetric",
            "table",
            "then",
            "to",
            "trailing",
            "true",
            "union",
            "unique",
            "user",
            "using",
            "variadic",
            "verbose",
            "when",
            "where",
            "window",
            "with");

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    protected Set<String> reservedWords() {
        return RESERVED;
    }

    @Override
    protected String insertSuffix(String qualifiedTable) {
        return " RETURNING " + qualifiedTable + ".version_num";
    }

    @Override
    public String tableExists() {
        // A catalog-cache lookup: pg_tables finds the name through its index on names alone and then
        // filters by schema, so with a version table in each of thousands of tenant schemas every
        // check walked all of them (18 ms a tenant at 10,000, a fleet pass growing with the square).
        return "SELECT CASE WHEN " + REGCLASS + " IS NULL THEN 0 ELSE 1 END";
    }

    private static final String REGCLASS = "to_regclass(COALESCE(quote_ident(CAST(? AS TEXT)),"
            + " quote_ident(current_schema())) || '.' || quote_ident(CAST(? AS TEXT)))";

    /** Catalog-cache lookups instead of a query over pg_tables: what a start at head asks first. */
    @Override
    public String tablesExist(int count) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append(REGCLASS).append(" IS NOT NULL");
        }
        return sql.toString();
    }

    @Override
    public String storedName(String identifier) {
        return identifier;
    }

    @Override
    public String lockVersionTable(String schema, String table) {
        return "LOCK TABLE " + qualified(schema, table) + " IN SHARE ROW EXCLUSIVE MODE";
    }

    @Override
    public boolean pipelinesRevisions() {
        return true;
    }

    /** now() is the transaction's start: the version-table lock that opens each revision's transaction. */
    @Override
    public String transactionElapsedMillis() {
        return "CAST(ROUND(EXTRACT(EPOCH FROM clock_timestamp() - now()) * 1000) AS BIGINT)";
    }

    @Override
    public List<String> sessionSettings(Duration lockTimeout, Duration statementTimeout) {
        return settings("SET ", lockTimeout, statementTimeout);
    }

    @Override
    public List<String> transactionSettings(Duration lockTimeout, Duration statementTimeout) {
        return settings("SET LOCAL ", lockTimeout, statementTimeout);
    }

    private static List<String> settings(String set, Duration lockTimeout, Duration statementTimeout) {
        List<String> result = new ArrayList<>();
        if (lockTimeout != null) {
            result.add(set + "lock_timeout = '" + lockTimeout.toMillis() + "ms'");
        }
        if (statementTimeout != null) {
            result.add(set + "statement_timeout = '" + statementTimeout.toMillis() + "ms'");
        }
        return result;
    }

    @Override
    public List<String> resetSessionSettings(Duration lockTimeout, Duration statementTimeout) {
        List<String> result = new ArrayList<>();
        if (lockTimeout != null) {
            result.add("RESET lock_timeout");
        }
        if (statementTimeout != null) {
            result.add("RESET statement_timeout");
        }
        return result;
    }

    @Override
    public MigrationLock lock(String schema, String table) {
        return new PostgresAdvisoryLock(schema, table);
    }

    @Override
    public MigrationLock lock(
            String schema,
            String table,
            LockMode mode,
            Duration leaseExpiry,
            Connection lockConnection,
            Connection work)
            throws SQLException {
        boolean pinned = SessionCheck.pinned(lockConnection) && SessionCheck.pinned(work);
        if (!pinned) {
            SessionCheck.unprepared(lockConnection);
            SessionCheck.unprepared(work);
        }
        if (mode == LockMode.SESSION || (mode == LockMode.AUTO && pinned)) {
            if (!pinned) {
                LOG.warn("lock-mode is session, but the connection could not be verified to be a server session of"
                        + " its own (a pooler in transaction mode makes the session lock protect nothing); use"
                        + " lock-mode auto or lease unless the pool is in session mode");
            }
            return new PostgresAdvisoryLock(schema, table);
        }
        if (mode == LockMode.AUTO) {
            LOG.info(
                    "The connection is not a server session of its own (a pooler such as PgBouncer is in the way):"
                            + " taking a lease on {} instead of the session lock (expires {} s after its last"
                            + " renewal)",
                    qualified(schema, table + "_lock"),
                    leaseExpiry.toSeconds());
        }
        return new PostgresLease(this, schema, table, LeaseHolder.id(), leaseExpiry, pinned);
    }
}
