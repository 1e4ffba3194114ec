package dev.migrations.internal.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UnsupportedStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Reduces a statement to {@link Op}s: parsed by JSqlParser in its PostgreSQL dialect, with the
 * token-level {@link TokenReader} for what the parser rejects (e.g. {@code VACUUM}, {@code
 * CLUSTER}, {@code LOCK}, {@code SET LOCAL}, {@code ... USING INDEX}) and for the details of
 * {@code ALTER TABLE} actions. The only class that touches the parser, so it is loaded only when
 * the lint runs.
 */
final class StatementReader {

    /** Bounds the parser on pathological input; the fallback takes over after it. */
    private static final long PARSE_TIMEOUT_MILLIS = 5_000;

    private StatementReader() {}

    /** The operations of {@code sql}; never throws: what is not understood is an {@link Op.Unparsed}. */
    static List<Op> read(String sql) {
        Statement statement;
        try {
            statement = CCJSqlParserUtil.parse(sql, parser -> parser.withDialect(AbstractJSqlParser.Dialect.POSTGRESQL)
                    .withUnsupportedStatements(false)
                    .withTimeOut(PARSE_TIMEOUT_MILLIS));
        } catch (JSQLParserException | RuntimeException | StackOverflowError e) {
            return TokenReader.read(sql);
        }
        try {
            return fromParsed(statement, sql);
        } catch (RuntimeException e) {
            // A tree shaped unlike what we expect: the token reader still knows the statement.
            return TokenReader.read(sql);
        }
    }

    private static List<Op> fromParsed(Statement statement, String sql) {
        if (statement instanceof CreateIndex index) {
            String name =
                    index.getIndex() == null ? null : normalize(index.getIndex().getName());
            return List.of(new Op.CreateIndex(name, table(index.getTable()), index.isConcurrently()));
        }
        if (statement instanceof CreateTable create) {
            return List.of(createTable(create));
        }
        if (statement instanceof Alter alter) {
            String table = table(alter.getTable());
            List<Op> ops = new ArrayList<>();
            for (AlterExpression expression : alter.getAlterExpressions()) {
                ops.add(TokenReader.alterAction(table, expression.toString()));
            }
            return ops;
        }
        if (statement instanceof Drop drop) {
            return drop(drop, sql);
        }
        if (statement instanceof SetStatement set) {
            return "lock_timeout".equalsIgnoreCase(String.valueOf(set.getName()))
                    ? List.of(new Op.SetLockTimeout())
                    : List.of();
        }
        if (statement instanceof Select) {
            return TokenReader.setsLockTimeoutByFunction(sql) ? List.of(new Op.SetLockTimeout()) : List.of();
        }
        if (statement instanceof UnsupportedStatement) {
            return TokenReader.read(sql);
        }
        return List.of();
    }

    private static Op createTable(CreateTable create) {
        List<Op.Column> columns = new ArrayList<>();
        if (create.getColumnDefinitions() != null) {
            for (ColumnDefinition column : create.getColumnDefinitions()) {
                columns.add(new Op.Column(
                        normalize(column.getColumnName()),
                        Types.canonical(column.getColDataType().toString())));
            }
        }
        return new Op.CreateTable(table(create.getTable()), columns);
    }

    private static List<Op> drop(Drop drop, String sql) {
        String type = drop.getType() == null ? "" : drop.getType().toUpperCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        List<Table> tables = drop.getNames() != null ? drop.getNames() : List.of(drop.getName());
        for (Table table : tables) {
            names.add(table(table));
        }
        if (type.equals("TABLE")) {
            return List.of(new Op.DropTable(names));
        }
        if (type.equals("INDEX")) {
            // The parsed tree has no flag for CONCURRENTLY; the tokens do.
            return TokenReader.read(sql);
        }
        return List.of();
    }

    private static String table(Table table) {
        return normalize(table.getName());
    }

    private static String normalize(String name) {
        return name == null ? null : TokenReader.normalize(name);
    }
}
