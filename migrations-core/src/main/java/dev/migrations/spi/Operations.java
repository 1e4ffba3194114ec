package dev.migrations.spi;

import dev.migrations.spi.model.CheckConstraint;
import dev.migrations.spi.model.Column;
import dev.migrations.spi.model.Constraint;
import dev.migrations.spi.model.EnumType;
import dev.migrations.spi.model.ForeignKey;
import dev.migrations.spi.model.Identity;
import dev.migrations.spi.model.Index;
import dev.migrations.spi.model.PrimaryKey;
import dev.migrations.spi.model.Sequence;
import dev.migrations.spi.model.Table;
import dev.migrations.spi.model.UniqueConstraint;
import dev.migrations.spi.model.View;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Portable DDL: each method returns the statements (without {@code ;}) that make one change in a
 * dialect. Nothing here touches a connection, so the same calls serve online runs, offline SQL and
 * autogenerate, which renders its diff through these operations. A Java migration gets them from
 * {@link MigrationContext#operations()}; {@code dev.migrations.Migrations.operations(dialect)} gives
 * them with no connection.
 *
 * <pre>{@code
 * Operations ops = context.operations(); // or Migrations.operations("postgresql")
 * List<String> sql = new ArrayList<>();
 * sql.addAll(ops.createTable(Table.of("users",
 *                 Column.of("id", "bigint").withIdentity(Identity.BY_DEFAULT),
 *                 Column.of("email", "text").notNull())
 *         .withPrimaryKey("id")));
 * sql.addAll(ops.createIndex("users", Index.of("users_email_idx", "email")));
 * sql.addAll(ops.addColumn("users", Column.of("verified", "boolean").notNull().withDefault("false")));
 * }</pre>
 *
 * <p>Identifiers (table, column, constraint and index names) are quoted when they need it; types,
 * default expressions, check expressions, index keys and view queries are SQL and used as given.
 */
public interface Operations {
    /** The dialect's short name. */
    String dialect();

    /** An identifier as SQL: quoted when needed; H2's upper-case names are written in lower case. */
    String name(String identifier);

    /** A string literal. */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Runs SQL as given. */
    List<String> execute(String sql);

    /**
     * {@code CREATE TABLE} with the columns, primary key, unique, check and foreign-key constraints,
     * then the comments and the indexes.
     */
    List<String> createTable(Table table);

    /** {@code DROP TABLE} (its indexes and constraints go with it). */
    List<String> dropTable(String table);

    /** The column as it appears in {@code CREATE TABLE} and {@code ADD COLUMN}. */
    String columnDefinition(Column column);

    /** {@code ALTER TABLE ... ADD COLUMN}, and the column's comment. */
    List<String> addColumn(String table, Column column);

    /** {@code ALTER TABLE ... DROP COLUMN}. */
    List<String> dropColumn(String table, String column);

    /** Changes a column's type; PostgreSQL converts with {@code USING column::type}. */
    List<String> alterColumnType(String table, String column, String type);

    /** Changes a column's type, converting existing values with the {@code USING} expression (PostgreSQL). */
    List<String> alterColumnType(String table, String column, String type, String using);

    /** Allows or forbids NULL. */
    List<String> alterColumnNullable(String table, String column, boolean nullable);

    /** Sets a column's default expression; null drops it. */
    List<String> alterColumnDefault(String table, String column, @Nullable String expression);

    /** Makes a column an identity column, changes how it generates, or (to null) drops the identity. */
    List<String> alterColumnIdentity(String table, String column, @Nullable Identity from, @Nullable Identity to);

    /** Sets (or with null removes) a table's comment. */
    List<String> setTableComment(String table, @Nullable String comment);

    /** Sets (or with null removes) a column's comment. */
    List<String> setColumnComment(String table, String column, @Nullable String comment);

    /** {@code CREATE [UNIQUE] INDEX}; method and predicate are PostgreSQL only. */
    List<String> createIndex(String table, Index index);

    /** {@code DROP INDEX}. */
    List<String> dropIndex(String index);

    /** Adds a primary key. */
    List<String> addPrimaryKey(String table, PrimaryKey primaryKey);

    /** Adds a unique constraint. */
    List<String> addUnique(String table, UniqueConstraint unique);

    /** Adds a foreign key. */
    List<String> addForeignKey(String table, ForeignKey foreignKey);

    /** Adds a check constraint. */
    List<String> addCheck(String table, CheckConstraint check);

    /** Adds any constraint. */
    List<String> addConstraint(String table, Constraint constraint);

    /** Drops a constraint by name. */
    List<String> dropConstraint(String table, String constraint);

    /** The constraint as it appears in {@code CREATE TABLE} and {@code ADD}, with its name. */
    String constraintDefinition(Constraint constraint);

    /** {@code CREATE TYPE ... AS ENUM} (PostgreSQL). */
    List<String> createEnum(EnumType type);

    /**
     * Adds a label to an enum type (PostgreSQL), placed before {@code before} or after {@code after}
     * (both null: at the end).
     */
    List<String> addEnumValue(String type, String label, @Nullable String before, @Nullable String after);

    /** Renames a type (PostgreSQL). */
    List<String> renameType(String type, String newName);

    /** {@code DROP TYPE}. */
    List<String> dropEnum(String type);

    /** {@code CREATE SEQUENCE} with every parameter spelled out. */
    List<String> createSequence(Sequence sequence);

    /** {@code ALTER SEQUENCE} to the given parameters (the current value is kept). */
    List<String> alterSequence(Sequence sequence);

    /** {@code DROP SEQUENCE}. */
    List<String> dropSequence(String sequence);

    /** {@code CREATE VIEW}. */
    List<String> createView(View view);

    /** {@code DROP VIEW}. */
    List<String> dropView(String view);
}
