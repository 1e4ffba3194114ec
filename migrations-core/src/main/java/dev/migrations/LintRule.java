package dev.migrations;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The lint's rules: an id users write in suppressions and {@code --severity}, a default severity,
 * why the statement is dangerous on a table that holds data and serves traffic, and what to write
 * instead.
 */
public enum LintRule {
    /** {@code CREATE INDEX} without {@code CONCURRENTLY}. */
    CREATE_INDEX_NOT_CONCURRENTLY(
            "create-index-not-concurrently",
            Severity.ERROR,
            "CREATE INDEX holds a SHARE lock on the table while it builds the index: every INSERT, UPDATE and"
                    + " DELETE waits until the build finishes.",
            "CREATE INDEX CONCURRENTLY in its own revision with the header 'Transactional: false'; if it fails,"
                    + " drop the INVALID index it leaves and run it again."),
    /** {@code DROP INDEX} without {@code CONCURRENTLY}. */
    DROP_INDEX_NOT_CONCURRENTLY(
            "drop-index-not-concurrently",
            Severity.WARNING,
            "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table: it waits behind every running query and"
                    + " every read and write queues behind it.",
            "DROP INDEX CONCURRENTLY in its own revision with the header 'Transactional: false'."),
    /** {@code CONCURRENTLY} in a revision that runs in a transaction. */
    CONCURRENTLY_IN_TRANSACTION(
            "concurrently-in-transaction",
            Severity.ERROR,
            "PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY inside a transaction block, and revisions run in"
                    + " one unless they say otherwise: the revision fails.",
            "Put the statement in its own revision with the header 'Transactional: false' (one statement per"
                    + " such revision, since a failure leaves the earlier ones applied)."),
    /** {@code ADD COLUMN} with a volatile default. */
    ADD_COLUMN_VOLATILE_DEFAULT(
            "add-column-volatile-default",
            Severity.ERROR,
            "A volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval()/serial, an identity"
                    + " or a stored generated column) makes PostgreSQL rewrite every row under an ACCESS EXCLUSIVE"
                    + " lock. Since PostgreSQL 11 a non-volatile default (a constant, now(), CURRENT_TIMESTAMP) is"
                    + " only stored in the catalog and costs nothing.",
            "Add the column without that default, then ALTER COLUMN ... SET DEFAULT (applies to new rows only),"
                    + " and backfill existing rows in small batches."),
    /** {@code ADD COLUMN ... NOT NULL} without a default. */
    ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT(
            "add-column-not-null-without-default",
            Severity.ERROR,
            "Existing rows would hold NULL in the new column, so the statement fails as soon as the table has"
                    + " a row.",
            "Add the column with a non-volatile DEFAULT (cheap since PostgreSQL 11), or add it nullable,"
                    + " backfill, and enforce NOT NULL through a validated CHECK (see set-not-null-without-check)."),
    /** {@code ALTER COLUMN ... SET NOT NULL} without a validated check constraint. */
    SET_NOT_NULL_WITHOUT_CHECK(
            "set-not-null-without-check",
            Severity.ERROR,
            "SET NOT NULL scans the whole table to check for NULLs while holding an ACCESS EXCLUSIVE lock.",
            "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; then VALIDATE CONSTRAINT c (no blocking lock);"
                    + " then SET NOT NULL, which PostgreSQL 12+ proves from the valid check without a scan; then"
                    + " DROP CONSTRAINT c."),
    /** {@code ADD FOREIGN KEY} or {@code ADD CHECK} without {@code NOT VALID}. */
    CONSTRAINT_WITHOUT_NOT_VALID(
            "constraint-without-not-valid",
            Severity.ERROR,
            "Adding a FOREIGN KEY or CHECK constraint checks every existing row while holding a lock that"
                    + " blocks writes (ACCESS EXCLUSIVE for a CHECK; SHARE ROW EXCLUSIVE on both tables for a"
                    + " foreign key).",
            "ADD CONSTRAINT ... NOT VALID (enforced for new rows at once), then ALTER TABLE ... VALIDATE"
                    + " CONSTRAINT, which scans with a lock that lets reads and writes go on."),
    /** {@code ADD UNIQUE} / {@code ADD PRIMARY KEY} that builds its own index. */
    UNIQUE_WITHOUT_INDEX(
            "unique-without-index",
            Severity.ERROR,
            "ADD UNIQUE or PRIMARY KEY builds a unique index while holding an ACCESS EXCLUSIVE lock: reads and"
                    + " writes wait for the whole build.",
            "CREATE UNIQUE INDEX CONCURRENTLY idx ... in a 'Transactional: false' revision, then ALTER TABLE ..."
                    + " ADD CONSTRAINT name UNIQUE USING INDEX idx (or PRIMARY KEY USING INDEX idx)."),
    /** {@code ALTER COLUMN ... TYPE} that rewrites the table. */
    COLUMN_TYPE_REWRITE(
            "column-type-rewrite",
            Severity.ERROR,
            "Changing a column's type rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock,"
                    + " unless the change is binary compatible: varchar(n) to varchar(m >= n), varchar or"
                    + " varchar(n) to text, numeric(p,s) to numeric(q >= p,s) or to unconstrained numeric.",
            "Add a column of the new type, write both, backfill in batches, switch readers, then drop the old"
                    + " column in a later release."),
    /** {@code RENAME COLUMN}. */
    RENAME_COLUMN(
            "rename-column",
            Severity.WARNING,
            "Instances of the application still running the previous release use the old name and fail until"
                    + " they are replaced.",
            "Expand and contract: add the new column, write both, backfill, move readers, drop the old column"
                    + " in a later release."),
    /** {@code RENAME TO} on a table. */
    RENAME_TABLE(
            "rename-table",
            Severity.WARNING,
            "Instances of the application still running the previous release use the old name and fail until"
                    + " they are replaced.",
            "Rename and create a view with the old name in the same revision (simple views are updatable), and"
                    + " drop the view in a later release."),
    /** {@code DROP COLUMN}. */
    DROP_COLUMN(
            "drop-column",
            Severity.WARNING,
            "The column's data is gone (a downgrade brings back an empty column), and instances still running"
                    + " the previous release fail when they select or insert it.",
            "Stop using the column in a release first, then drop it in a later one; back up what you may need."),
    /** {@code DROP TABLE}. */
    DROP_TABLE(
            "drop-table",
            Severity.WARNING,
            "The table's data is gone (a downgrade brings back an empty table), and instances still running the"
                    + " previous release fail when they use it.",
            "Stop using the table in a release first, then drop it in a later one; back up what you may need."),
    /** {@code VACUUM FULL}. */
    VACUUM_FULL(
            "vacuum-full",
            Severity.ERROR,
            "VACUUM FULL rewrites the whole table under an ACCESS EXCLUSIVE lock (and cannot run in a"
                    + " transaction).",
            "Plain VACUUM (no blocking lock), or an online tool such as pg_repack, outside migrations."),
    /** {@code CLUSTER}. */
    CLUSTER(
            "cluster",
            Severity.ERROR,
            "CLUSTER rewrites the whole table in index order under an ACCESS EXCLUSIVE lock.",
            "An online tool such as pg_repack --order-by, outside migrations."),
    /** {@code LOCK TABLE}. */
    LOCK_TABLE(
            "lock-table",
            Severity.WARNING,
            "An explicit lock is held until the revision's transaction ends: traffic on the table waits for"
                    + " every statement after it.",
            "Leave locking to the statements that need it; if you must lock, keep the revision short and set"
                    + " lock_timeout first."),
    /** Lock-taking DDL without a {@code lock_timeout}. */
    MISSING_LOCK_TIMEOUT(
            "missing-lock-timeout",
            Severity.WARNING,
            "A DDL statement waiting for its lock (behind one long query or an idle transaction) makes every"
                    + " later query on the table queue behind it: a millisecond ALTER becomes an outage.",
            "SET lock_timeout = '5s' at the top of the revision, or configure the engine's"
                    + " migrations.ddl-lock-timeout (--ddl-lock-timeout), which sets it for every migration"
                    + " statement; retry the migration when it times out."),
    /** No {@code -- migrate:downgrade} section. */
    MISSING_DOWNGRADE(
            "missing-downgrade",
            Severity.WARNING,
            "The revision cannot be downgraded, so a failed release cannot be rolled back with 'downgrade'.",
            "Add a '-- migrate:downgrade' section that undoes the upgrade (an empty one if there is nothing to"
                    + " undo)."),
    /** A downgrade that leaves what the upgrade created. */
    DOWNGRADE_INCOMPLETE(
            "downgrade-incomplete",
            Severity.WARNING,
            "The downgrade leaves an object the upgrade creates, so the schema after downgrade differs from the"
                    + " one before, and upgrading again fails with 'already exists'.",
            "Drop in the downgrade what the upgrade creates: DROP TABLE for CREATE TABLE, ALTER TABLE ... DROP"
                    + " COLUMN for ADD COLUMN, DROP INDEX for CREATE INDEX."),
    /** A statement neither the parser nor the fallback understood. */
    UNPARSED_STATEMENT(
            "unparsed-statement",
            Severity.INFO,
            "Neither the SQL parser nor the token-level fallback understood the statement, so no rule checked" + " it.",
            "Review it by hand; suppress this finding once reviewed.");

    private final String id;
    private final Severity defaultSeverity;
    private final String why;
    private final String instead;

    LintRule(String id, Severity defaultSeverity, String why, String instead) {
        this.id = id;
        this.defaultSeverity = defaultSeverity;
        this.why = why;
        this.instead = instead;
    }

    /** The id written in suppressions, {@code --severity} and the output, e.g. {@code drop-column}. */
    public String id() {
        return id;
    }

    /** The severity unless configured otherwise. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Why the statement is dangerous. */
    public String why() {
        return why;
    }

    /** What to write instead. */
    public String instead() {
        return instead;
    }

    /**
     * The rule with this id.
     *
     * @throws MigrationsException listing the known ids
     */
    public static LintRule byId(String id) {
        LintRule rule = find(id);
        if (rule == null) {
            List<String> ids = new ArrayList<>();
            for (LintRule r : values()) {
                ids.add(r.id);
            }
            throw new MigrationsException("Unknown lint rule '" + id + "'; the rules are " + String.join(", ", ids));
        }
        return rule;
    }

    /** The rule with this id (any case), or null. */
    public static @Nullable LintRule find(String id) {
        for (LintRule rule : values()) {
            if (rule.id.equalsIgnoreCase(id)) {
                return rule;
            }
        }
        return null;
    }
}
