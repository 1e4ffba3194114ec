package dev.migrations.internal.schema;

import dev.migrations.MigrationsException;
import dev.migrations.internal.dialect.Dialect;
import dev.migrations.spi.Operations;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@link Operations} of a {@link Dialect}: the engine's one implementation of them. */
public final class DialectOperations implements Operations {
    private final Dialect dialect;
    private final boolean postgres;

    private DialectOperations(Dialect dialect) {
        this.dialect = dialect;
        this.postgres = dialect.name().equals("postgresql");
    }

    /**
     * The operations of a dialect.
     *
     * @param dialect {@code postgresql} or {@code h2} (or a JDBC URL)
     */
    public static Operations forDialect(String dialect) {
        return new DialectOperations(Dialect.of(dialect));
    }

    /** The dialect's short name. */
    @Override
    public String dialect() {
        return dialect.name();
    }

    /** An identifier as SQL: quoted when needed; H2's upper-case names are written in lower case. */
    @Override
    public String name(String identifier) {
        if (!postgres && identifier.matches("[A-Z_][A-Z0-9_]*")) {
            String lower = identifier.toLowerCase(Locale.ROOT);
            if (dialect.quote(lower).equals(lower)) {
                return lower;
            }
        }
        return dialect.quote(identifier);
    }

    private String names(List<String> identifiers) {
        List<String> quoted = new ArrayList<>(identifiers.size());
        for (String identifier : identifiers) {
            quoted.add(name(identifier));
        }
        return String.join(", ", quoted);
    }

    /** Runs SQL as given. */
    @Override
    public List<String> execute(String sql) {
        return List.of(sql);
    }

    /**
     * {@code CREATE TABLE} with the columns, primary key, unique, check and foreign-key constraints,
     * then the comments and the indexes.
     */
    @Override
    public List<String> createTable(Table table) {
        List<String> parts = new ArrayList<>();
        for (Column column : table.columns()) {
            parts.add(columnDefinition(column));
        }
        for (Constraint constraint : table.constraints()) {
            parts.add(constraintDefinition(constraint));
        }
        List<String> result = new ArrayList<>();
        result.add("CREATE TABLE " + name(table.name()) + " (\n    " + String.join(",\n    ", parts) + "\n)");
        if (table.comment() != null) {
            result.addAll(setTableComment(table.name(), table.comment()));
        }
        for (Column column : table.columns()) {
            if (column.comment() != null) {
                result.addAll(setColumnComment(table.name(), column.name(), column.comment()));
            }
        }
        for (Index index : table.indexes()) {
            result.addAll(createIndex(table.name(), index));
        }
        return result;
    }

    /** {@code DROP TABLE} (its indexes and constraints go with it). */
    @Override
    public List<String> dropTable(String table) {
        return List.of("DROP TABLE " + name(table));
    }

    /** The column as it appears in {@code CREATE TABLE} and {@code ADD COLUMN}. */
    @Override
    public String columnDefinition(Column column) {
        StringBuilder sql = new StringBuilder(name(column.name())).append(' ').append(column.type());
        if (column.identity() != null) {
            sql.append(" GENERATED ").append(column.identity().sql()).append(" AS IDENTITY");
        }
        if (column.generatedExpression() != null) {
            sql.append(" GENERATED ALWAYS AS (")
                    .append(column.generatedExpression())
                    .append(postgres ? ") STORED" : ")");
        }
        if (column.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(column.defaultExpression());
        }
        if (!column.nullable()) {
            sql.append(" NOT NULL");
        }
        return sql.toString();
    }

    /** {@code ALTER TABLE ... ADD COLUMN}, and the column's comment. */
    @Override
    public List<String> addColumn(String table, Column column) {
        List<String> result = new ArrayList<>();
        result.add(alterTable(table) + "ADD COLUMN " + columnDefinition(column));
        if (column.comment() != null) {
            result.addAll(setColumnComment(table, column.name(), column.comment()));
        }
        return result;
    }

    /** {@code ALTER TABLE ... DROP COLUMN}. */
    @Override
    public List<String> dropColumn(String table, String column) {
        return List.of(alterTable(table) + "DROP COLUMN " + name(column));
    }

    /** Changes a column's type; PostgreSQL converts with {@code USING column::type}. */
    @Override
    public List<String> alterColumnType(String table, String column, String type) {
        if (postgres) {
            return List.of(alterColumn(table, column) + "TYPE " + type + " USING " + name(column) + "::" + type);
        }
        return List.of(alterColumn(table, column) + "SET DATA TYPE " + type);
    }

    /** Changes a column's type, converting existing values with the {@code USING} expression (PostgreSQL). */
    @Override
    public List<String> alterColumnType(String table, String column, String type, String using) {
        if (postgres) {
            return List.of(alterColumn(table, column) + "TYPE " + type + " USING " + using);
        }
        return alterColumnType(table, column, type);
    }

    /** Allows or forbids NULL. */
    @Override
    public List<String> alterColumnNullable(String table, String column, boolean nullable) {
        return List.of(alterColumn(table, column) + (nullable ? "DROP NOT NULL" : "SET NOT NULL"));
    }

    /** Sets a column's default expression; null drops it. */
    @Override
    public List<String> alterColumnDefault(String table, String column, String expression) {
        return List.of(
                alterColumn(table, column) + (expression == null ? "DROP DEFAULT" : "SET DEFAULT " + expression));
    }

    /** Makes a column an identity column, changes how it generates, or (to null) drops the identity. */
    @Override
    public List<String> alterColumnIdentity(String table, String column, Identity from, Identity to) {
        if (to == null) {
            return List.of(alterColumn(table, column) + "DROP IDENTITY");
        }
        if (from == null) {
            return List.of(alterColumn(table, column) + "ADD GENERATED " + to.sql() + " AS IDENTITY");
        }
        return List.of(alterColumn(table, column) + "SET GENERATED " + to.sql());
    }

    /** Sets (or with null removes) a table's comment. */
    @Override
    public List<String> setTableComment(String table, String comment) {
        return List.of(
                "COMMENT ON TABLE " + name(table) + " IS " + (comment == null ? "NULL" : Operations.literal(comment)));
    }

    /** Sets (or with null removes) a column's comment. */
    @Override
    public List<String> setColumnComment(String table, String column, String comment) {
        return List.of("COMMENT ON COLUMN " + name(table) + "." + name(column) + " IS "
                + (comment == null ? "NULL" : Operations.literal(comment)));
    }

    /** {@code CREATE [UNIQUE] INDEX}; method and predicate are PostgreSQL only. */
    @Override
    public List<String> createIndex(String table, Index index) {
        StringBuilder sql = new StringBuilder("CREATE ")
                .append(index.unique() ? "UNIQUE " : "")
                .append("INDEX ")
                .append(name(index.name()))
                .append(" ON ")
                .append(name(table));
        if (postgres && !index.method().equals("btree")) {
            sql.append(" USING ").append(index.method());
        }
        sql.append(" (").append(String.join(", ", index.keys())).append(')');
        if (index.where() != null) {
            if (!postgres) {
                throw new MigrationsException("Index " + index.name() + " is partial (WHERE " + index.where() + "); "
                        + dialect.name() + " has no partial indexes");
            }
            sql.append(" WHERE ").append(index.where());
        }
        return List.of(sql.toString());
    }

    /** {@code DROP INDEX}. */
    @Override
    public List<String> dropIndex(String index) {
        return List.of("DROP INDEX " + name(index));
    }

    /** Adds a primary key. */
    @Override
    public List<String> addPrimaryKey(String table, PrimaryKey primaryKey) {
        return addConstraint(table, primaryKey);
    }

    /** Adds a unique constraint. */
    @Override
    public List<String> addUnique(String table, UniqueConstraint unique) {
        return addConstraint(table, unique);
    }

    /** Adds a foreign key. */
    @Override
    public List<String> addForeignKey(String table, ForeignKey foreignKey) {
        return addConstraint(table, foreignKey);
    }

    /** Adds a check constraint. */
    @Override
    public List<String> addCheck(String table, CheckConstraint check) {
        return addConstraint(table, check);
    }

    /** Adds any constraint. */
    @Override
    public List<String> addConstraint(String table, Constraint constraint) {
        return List.of(alterTable(table) + "ADD " + constraintDefinition(constraint));
    }

    /** Drops a constraint by name. */
    @Override
    public List<String> dropConstraint(String table, String constraint) {
        return List.of(alterTable(table) + "DROP CONSTRAINT " + name(constraint));
    }

    /** The constraint as it appears in {@code CREATE TABLE} and {@code ADD}, with its name. */
    @Override
    public String constraintDefinition(Constraint constraint) {
        String body;
        if (constraint instanceof PrimaryKey pk) {
            body = "PRIMARY KEY (" + names(pk.columns()) + ")";
        } else if (constraint instanceof UniqueConstraint unique) {
            body = "UNIQUE (" + names(unique.columns()) + ")";
        } else if (constraint instanceof CheckConstraint check) {
            body = "CHECK (" + check.expression() + ")";
        } else {
            body = foreignKey((ForeignKey) constraint);
        }
        return "CONSTRAINT " + name(constraint.name()) + " " + body;
    }

    private String foreignKey(ForeignKey fk) {
        StringBuilder sql = new StringBuilder("FOREIGN KEY (")
                .append(names(fk.columns()))
                .append(") REFERENCES ")
                .append(qualifiedName(fk.referencedTable()))
                .append(" (")
                .append(names(fk.referencedColumns()))
                .append(')');
        if (!fk.onDelete().equals("NO ACTION")) {
            sql.append(" ON DELETE ").append(fk.onDelete());
        }
        if (!fk.onUpdate().equals("NO ACTION")) {
            sql.append(" ON UPDATE ").append(fk.onUpdate());
        }
        return sql.toString();
    }

    private String qualifiedName(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? name(table) : name(table.substring(0, dot)) + "." + name(table.substring(dot + 1));
    }

    /** {@code CREATE TYPE ... AS ENUM} (PostgreSQL). */
    @Override
    public List<String> createEnum(EnumType type) {
        List<String> labels = new ArrayList<>();
        for (String label : type.labels()) {
            labels.add(Operations.literal(label));
        }
        return List.of("CREATE TYPE " + name(type.name()) + " AS ENUM (" + String.join(", ", labels) + ")");
    }

    /**
     * Adds a label to an enum type (PostgreSQL), placed before {@code before} or after {@code after}
     * (both null: at the end).
     */
    @Override
    public List<String> addEnumValue(String type, String label, String before, String after) {
        String position = before != null
                ? " BEFORE " + Operations.literal(before)
                : after != null ? " AFTER " + Operations.literal(after) : "";
        return List.of("ALTER TYPE " + name(type) + " ADD VALUE " + Operations.literal(label) + position);
    }

    /** Renames a type (PostgreSQL). */
    @Override
    public List<String> renameType(String type, String newName) {
        return List.of("ALTER TYPE " + name(type) + " RENAME TO " + name(newName));
    }

    /** {@code DROP TYPE}. */
    @Override
    public List<String> dropEnum(String type) {
        return List.of("DROP TYPE " + name(type));
    }

    /** {@code CREATE SEQUENCE} with every parameter spelled out. */
    @Override
    public List<String> createSequence(Sequence sequence) {
        String as = postgres ? " AS " + sequence.dataType() : "";
        return List.of("CREATE SEQUENCE " + name(sequence.name()) + as + sequenceOptions(sequence) + " START WITH "
                + sequence.start());
    }

    /** {@code ALTER SEQUENCE} to the given parameters (the current value is kept). */
    @Override
    public List<String> alterSequence(Sequence sequence) {
        String as = postgres ? " AS " + sequence.dataType() : "";
        return List.of("ALTER SEQUENCE " + name(sequence.name()) + as + sequenceOptions(sequence)
                + (postgres ? " START WITH " : " RESTART WITH ") + sequence.start());
    }

    private static String sequenceOptions(Sequence sequence) {
        return " INCREMENT BY " + sequence.increment() + " MINVALUE " + sequence.minValue() + " MAXVALUE "
                + sequence.maxValue() + " CACHE " + sequence.cache() + (sequence.cycle() ? " CYCLE" : " NO CYCLE");
    }

    /** {@code DROP SEQUENCE}. */
    @Override
    public List<String> dropSequence(String sequence) {
        return List.of("DROP SEQUENCE " + name(sequence));
    }

    /** {@code CREATE VIEW}. */
    @Override
    public List<String> createView(View view) {
        String query = view.definition().strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        return List.of("CREATE VIEW " + name(view.name()) + " AS\n" + query);
    }

    /** {@code DROP VIEW}. */
    @Override
    public List<String> dropView(String view) {
        return List.of("DROP VIEW " + name(view));
    }

    private String alterTable(String table) {
        return "ALTER TABLE " + name(table) + " ";
    }

    private String alterColumn(String table, String column) {
        return alterTable(table) + "ALTER COLUMN " + name(column) + " ";
    }
}
