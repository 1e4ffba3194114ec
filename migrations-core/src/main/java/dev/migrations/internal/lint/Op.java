package dev.migrations.internal.lint;

import java.util.List;

/**
 * What one statement does, as far as the rules care: the parser and the token-level fallback both
 * reduce statements to these. Names are normalised (unquoted identifiers lower-cased, quotes
 * removed, schema dropped).
 */
sealed interface Op {

    /** {@code CREATE TABLE}. */
    record CreateTable(String table, List<Column> columns) implements Op {}

    /** A column of a created table. */
    record Column(String name, String type) {}

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY]}; {@code name} may be null (generated). */
    record CreateIndex(String name, String table, boolean concurrently) implements Op {}

    /** {@code DROP INDEX [CONCURRENTLY]}. */
    record DropIndex(List<String> names, boolean concurrently) implements Op {}

    /** {@code DROP TABLE}. */
    record DropTable(List<String> tables) implements Op {}

    /**
     * {@code ALTER TABLE ... ADD COLUMN}.
     *
     * @param defaultExpression the DEFAULT expression's text, or null
     * @param rewrites whether the column fills itself per row (serial, identity, stored generated)
     */
    record AddColumn(
            String table, String column, String type, boolean notNull, String defaultExpression, boolean rewrites)
            implements Op {}

    /** {@code ALTER COLUMN ... [SET DATA] TYPE}; {@code using} when a USING clause is given. */
    record AlterType(String table, String column, String type, boolean using) implements Op {}

    /** {@code ALTER COLUMN ... SET NOT NULL}. */
    record SetNotNull(String table, String column) implements Op {}

    /** The kinds of table constraints the rules distinguish. */
    enum Kind {
        FOREIGN_KEY,
        CHECK,
        UNIQUE,
        PRIMARY_KEY,
        OTHER
    }

    /**
     * {@code ADD [CONSTRAINT name] ...}.
     *
     * @param name the constraint's name, or null
     * @param notNullColumn for {@code CHECK (col IS NOT NULL)}, the column; else null
     */
    record AddConstraint(
            String table, String name, Kind kind, boolean notValid, boolean usingIndex, String notNullColumn)
            implements Op {}

    /** {@code VALIDATE CONSTRAINT}. */
    record ValidateConstraint(String table, String name) implements Op {}

    /** {@code RENAME [COLUMN] a TO b}. */
    record RenameColumn(String table, String column, String to) implements Op {}

    /** {@code ALTER TABLE ... RENAME TO}. */
    record RenameTable(String table, String to) implements Op {}

    /** {@code DROP [COLUMN]}. */
    record DropColumn(String table, String column) implements Op {}

    /** Any other {@code ALTER TABLE} action: takes a lock, no specific hazard. */
    record OtherAlter(String table) implements Op {}

    /** {@code VACUUM}; only {@code full} matters. */
    record Vacuum(boolean full) implements Op {}

    /** {@code CLUSTER}. */
    record Cluster() implements Op {}

    /** {@code LOCK [TABLE]}. */
    record LockTable() implements Op {}

    /** {@code SET [LOCAL|SESSION] lock_timeout} or {@code set_config('lock_timeout', ...)}. */
    record SetLockTimeout() implements Op {}

    /** A statement neither reader understood. */
    record Unparsed(String reason) implements Op {}
}
