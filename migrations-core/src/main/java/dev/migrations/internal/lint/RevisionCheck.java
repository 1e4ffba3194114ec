package dev.migrations.internal.lint;

import dev.migrations.Finding;
import dev.migrations.LintOptions;
import dev.migrations.LintRule;
import dev.migrations.Severity;
import dev.migrations.internal.script.RevisionScript;
import dev.migrations.internal.script.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lints one revision script: every upgrade statement against the rules, then the downgrade
 * against the upgrade. Tables the revision creates are empty and unused, so rules about tables
 * with data and traffic skip them.
 */
final class RevisionCheck {
    private final RevisionScript script;
    private final LintOptions options;
    private final History history;
    private final Suppressions suppressions;
    private final boolean report;
    private final List<Finding> findings = new ArrayList<>();

    private final Set<String> createdTables = new HashSet<>();
    /** Indexes this revision creates, by name, with their table. */
    private final Map<String, String> createdIndexes = new HashMap<>();
    /** What the downgrade should remove, in upgrade order. */
    private final List<Created> created = new ArrayList<>();

    private boolean lockTimeoutSet;
    private boolean lockTimeoutReported;

    /** Something the upgrade creates: a table, a column ({@code table.column}) or an index. */
    private record Created(String kind, String name, String table, Statement statement) {}

    /**
     * @param report false to only feed {@code history} (revisions before the linted range)
     */
    RevisionCheck(
            RevisionScript script, LintOptions options, History history, Suppressions suppressions, boolean report) {
        this.script = script;
        this.options = options;
        this.history = history;
        this.suppressions = suppressions;
        this.report = report;
    }

    /** Runs the rules; returns the findings (none when not reporting). */
    List<Finding> run() {
        for (Statement statement : script.upgrade()) {
            for (Op op : StatementReader.read(statement.sql())) {
                check(statement, op);
            }
        }
        if (report) {
            checkDowngrade();
        }
        return findings;
    }

    private void check(Statement st, Op op) {
        if (op instanceof Op.SetLockTimeout) {
            lockTimeoutSet = true;
            return;
        }
        if (op instanceof Op.Unparsed unparsed) {
            add(LintRule.UNPARSED_STATEMENT, st, "Not understood (" + unparsed.reason() + "); not checked.");
            return;
        }
        if (takesLock(op)) {
            checkLockTimeout(st);
        }
        if (op instanceof Op.CreateTable || op instanceof Op.CreateIndex || op instanceof Op.DropIndex) {
            checkCreateOrIndex(st, op);
        } else if (op instanceof Op.AddColumn add) {
            checkAddColumn(st, add);
        } else if (op instanceof Op.AlterType alter) {
            checkAlterType(st, alter);
        } else if (op instanceof Op.SetNotNull set && !createdTables.contains(set.table())) {
            if (!history.notNullProven(set.table(), set.column())) {
                add(
                        LintRule.SET_NOT_NULL_WITHOUT_CHECK,
                        st,
                        "SET NOT NULL on " + set.table() + "." + set.column() + " without a validated CHECK ("
                                + set.column() + " IS NOT NULL) before it.");
            }
        } else if (op instanceof Op.AddConstraint constraint) {
            checkConstraint(st, constraint);
        } else if (op instanceof Op.ValidateConstraint validate) {
            history.validated(validate.table(), validate.name());
        } else {
            checkRenameDropOrMaintenance(st, op);
        }
    }

    private void checkCreateOrIndex(Statement st, Op op) {
        if (op instanceof Op.CreateTable create) {
            createdTables.add(create.table());
            for (Op.Column column : create.columns()) {
                history.type(create.table(), column.name(), column.type());
            }
            created.add(new Created("table", create.table(), create.table(), st));
        } else if (op instanceof Op.CreateIndex index) {
            checkConcurrently(st, index.concurrently(), "CREATE INDEX CONCURRENTLY");
            if (!index.concurrently() && !createdTables.contains(index.table())) {
                add(
                        LintRule.CREATE_INDEX_NOT_CONCURRENTLY,
                        st,
                        "CREATE INDEX " + named(index.name()) + "on " + index.table() + " without CONCURRENTLY.");
            }
            if (index.name() != null) {
                createdIndexes.put(index.name(), index.table());
                if (!createdTables.contains(index.table())) {
                    created.add(new Created("index", index.name(), index.table(), st));
                }
            }
        } else if (op instanceof Op.DropIndex drop) {
            checkConcurrently(st, drop.concurrently(), "DROP INDEX CONCURRENTLY");
            List<String> existing = existingIndexes(drop.names());
            if (!drop.concurrently() && !existing.isEmpty()) {
                add(
                        LintRule.DROP_INDEX_NOT_CONCURRENTLY,
                        st,
                        "DROP INDEX " + String.join(", ", existing) + " without CONCURRENTLY.");
            }
        }
    }

    private void checkConcurrently(Statement st, boolean concurrently, String what) {
        if (concurrently && script.transactional()) {
            add(
                    LintRule.CONCURRENTLY_IN_TRANSACTION,
                    st,
                    what + " in a revision that runs in a transaction (no"
                            + " 'Transactional: false' header): PostgreSQL will refuse it.");
        }
    }

    private void checkAddColumn(Statement st, Op.AddColumn add) {
        history.type(add.table(), add.column(), add.type());
        if (createdTables.contains(add.table())) {
            return;
        }
        created.add(new Created("column", add.table() + "." + add.column(), add.table(), st));
        String volatileCall = add.defaultExpression() == null ? null : Types.volatileCall(add.defaultExpression());
        if (volatileCall != null || add.rewrites()) {
            String cause = volatileCall != null ? "a default calling " + volatileCall : "a value filled in per row";
            add(
                    LintRule.ADD_COLUMN_VOLATILE_DEFAULT,
                    st,
                    "ADD COLUMN " + add.column() + " to " + add.table() + " with " + cause + " rewrites the table.");
        } else if (add.notNull() && add.defaultExpression() == null) {
            add(
                    LintRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT,
                    st,
                    "ADD COLUMN " + add.column() + " " + add.type() + " NOT NULL to " + add.table()
                            + " without a DEFAULT.");
        }
    }

    private void checkAlterType(Statement st, Op.AlterType alter) {
        String from = history.type(alter.table(), alter.column());
        history.type(alter.table(), alter.column(), alter.type());
        if (createdTables.contains(alter.table())) {
            return;
        }
        if (alter.using() || !Types.changesWithoutRewrite(from, alter.type())) {
            String change = from == null
                    ? "to " + alter.type() + " (its current type is not known from these scripts)"
                    : "from " + from + " to " + alter.type();
            add(
                    LintRule.COLUMN_TYPE_REWRITE,
                    st,
                    "Changing " + alter.table() + "." + alter.column() + " " + change
                            + (alter.using() ? " with USING" : "") + " rewrites the table.");
        }
    }

    private void checkConstraint(Statement st, Op.AddConstraint c) {
        if (c.notNullColumn() != null) {
            history.notNullCheck(c.table(), c.name(), c.notNullColumn(), c.notValid());
        }
        if (createdTables.contains(c.table())) {
            return;
        }
        boolean validates = c.kind() == Op.Kind.FOREIGN_KEY || c.kind() == Op.Kind.CHECK;
        if (validates && !c.notValid()) {
            String kind = c.kind() == Op.Kind.CHECK ? "CHECK" : "FOREIGN KEY";
            add(
                    LintRule.CONSTRAINT_WITHOUT_NOT_VALID,
                    st,
                    "ADD " + kind + " constraint " + named(c.name()) + "on " + c.table() + " without NOT VALID.");
        }
        boolean unique = c.kind() == Op.Kind.UNIQUE || c.kind() == Op.Kind.PRIMARY_KEY;
        if (unique && !c.usingIndex()) {
            String kind = c.kind() == Op.Kind.UNIQUE ? "UNIQUE" : "PRIMARY KEY";
            add(
                    LintRule.UNIQUE_WITHOUT_INDEX,
                    st,
                    "ADD " + kind + " " + named(c.name()) + "on " + c.table()
                            + " builds its index under an ACCESS EXCLUSIVE lock (no USING INDEX).");
        }
    }

    private void checkRenameDropOrMaintenance(Statement st, Op op) {
        if (op instanceof Op.RenameColumn r && !createdTables.contains(r.table())) {
            add(LintRule.RENAME_COLUMN, st, "RENAME COLUMN " + r.table() + "." + r.column() + " TO " + r.to() + ".");
        } else if (op instanceof Op.RenameTable r && !createdTables.contains(r.table())) {
            add(LintRule.RENAME_TABLE, st, "RENAME TABLE " + r.table() + " TO " + r.to() + ".");
        } else if (op instanceof Op.DropColumn d && !createdTables.contains(d.table())) {
            add(LintRule.DROP_COLUMN, st, "DROP COLUMN " + d.table() + "." + d.column() + ".");
        } else if (op instanceof Op.DropTable d) {
            List<String> existing = new ArrayList<>(d.tables());
            existing.removeAll(createdTables);
            if (!existing.isEmpty()) {
                add(LintRule.DROP_TABLE, st, "DROP TABLE " + String.join(", ", existing) + ".");
            }
        } else if (op instanceof Op.Vacuum v && v.full()) {
            add(LintRule.VACUUM_FULL, st, "VACUUM FULL rewrites the table.");
        } else if (op instanceof Op.Cluster) {
            add(LintRule.CLUSTER, st, "CLUSTER rewrites the table.");
        } else if (op instanceof Op.LockTable) {
            add(LintRule.LOCK_TABLE, st, "LOCK TABLE holds the lock until the revision commits.");
        }
    }

    /** Whether the operation waits for a lock that blocks traffic on an existing table. */
    private boolean takesLock(Op op) {
        if (op instanceof Op.CreateIndex index) {
            return !index.concurrently() && !createdTables.contains(index.table());
        }
        if (op instanceof Op.DropIndex drop) {
            return !drop.concurrently() && !existingIndexes(drop.names()).isEmpty();
        }
        if (op instanceof Op.DropTable drop) {
            return !createdTables.containsAll(drop.tables());
        }
        if (op instanceof Op.Vacuum vacuum) {
            return vacuum.full();
        }
        if (op instanceof Op.LockTable || op instanceof Op.Cluster) {
            return true;
        }
        String table = alteredTable(op);
        return table != null && !createdTables.contains(table);
    }

    private static String alteredTable(Op op) {
        if (op instanceof Op.AddColumn o) {
            return o.table();
        } else if (op instanceof Op.AlterType o) {
            return o.table();
        } else if (op instanceof Op.SetNotNull o) {
            return o.table();
        } else if (op instanceof Op.AddConstraint o) {
            return o.table();
        } else if (op instanceof Op.RenameColumn o) {
            return o.table();
        } else if (op instanceof Op.RenameTable o) {
            return o.table();
        } else if (op instanceof Op.DropColumn o) {
            return o.table();
        } else if (op instanceof Op.OtherAlter o) {
            return o.table();
        }
        return null;
    }

    private void checkLockTimeout(Statement st) {
        if (lockTimeoutSet || lockTimeoutReported || options.ddlLockTimeoutConfigured()) {
            return;
        }
        lockTimeoutReported = true;
        add(
                LintRule.MISSING_LOCK_TIMEOUT,
                st,
                "This statement waits for a lock on an existing table, and neither the"
                        + " revision (SET lock_timeout) nor the engine (migrations.ddl-lock-timeout) bounds the wait.");
    }

    private List<String> existingIndexes(List<String> names) {
        List<String> existing = new ArrayList<>();
        for (String name : names) {
            if (!createdIndexes.containsKey(name)) {
                existing.add(name);
            }
        }
        return existing;
    }

    private void checkDowngrade() {
        if (!script.hasDowngrade()) {
            add(
                    LintRule.MISSING_DOWNGRADE,
                    null,
                    "Revision " + script.revision() + " has no '-- migrate:downgrade'" + " section.");
            return;
        }
        Set<String> dropped = new HashSet<>();
        for (Statement statement : script.downgrade()) {
            for (Op op : StatementReader.read(statement.sql())) {
                if (op instanceof Op.DropTable d) {
                    d.tables().forEach(t -> dropped.add("table " + t));
                } else if (op instanceof Op.DropIndex d) {
                    d.names().forEach(i -> dropped.add("index " + i));
                } else if (op instanceof Op.DropColumn d) {
                    dropped.add("column " + d.table() + "." + d.column());
                }
            }
        }
        for (Created c : created) {
            boolean gone = dropped.contains(c.kind() + " " + c.name()) || dropped.contains("table " + c.table());
            if (!gone) {
                add(
                        LintRule.DOWNGRADE_INCOMPLETE,
                        c.statement(),
                        "The upgrade creates " + c.kind() + " " + c.name() + " but the downgrade does not drop it.");
            }
        }
    }

    private static String named(String name) {
        return name == null ? "" : name + " ";
    }

    /** Adds a finding unless the rule is off or suppressed; {@code st} null for the revision as a whole. */
    private void add(LintRule rule, Statement st, String message) {
        Severity severity = options.severityOf(rule);
        int line = st == null ? 1 : st.line();
        if (!report || severity == Severity.OFF || suppressions.suppressed(rule, st == null ? 0 : line)) {
            return;
        }
        findings.add(new Finding(
                rule.id(),
                severity,
                script.revision(),
                script.path(),
                line,
                st == null ? "" : st.sql(),
                message,
                rule.why(),
                rule.instead()));
    }
}
