package dev.migrations.internal.lint;

import dev.migrations.MigrationsException;
import dev.migrations.internal.script.SqlTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads statements from their tokens (PostgreSQL's lexical rules, via {@link SqlTokens}): the
 * fallback for statements the SQL parser does not know, and the reader of single {@code ALTER
 * TABLE} actions, whose parsed form is shaped after MySQL's grammar.
 */
final class TokenReader {

    /** Words that end a column's type and start its constraints. */
    private static final Set<String> COLUMN_CONSTRAINT = Set.of(
            "not", "null", "default", "constraint", "check", "references", "primary", "unique", "generated", "collate");

    private static final Set<String> TABLE_CONSTRAINT =
            Set.of("constraint", "check", "foreign", "unique", "primary", "exclude");

    private final List<String> tokens;
    private int pos;

    private TokenReader(List<String> tokens) {
        this.tokens = tokens;
    }

    /** The operations of a whole statement, or one {@link Op.Unparsed} if it is not understood. */
    static List<Op> read(String sql) {
        List<String> tokens;
        try {
            tokens = SqlTokens.of(sql);
        } catch (MigrationsException e) {
            return List.of(new Op.Unparsed(e.getMessage()));
        }
        List<Op> ops = new TokenReader(tokens).statement();
        return ops == null ? List.of(new Op.Unparsed("statement not recognised")) : ops;
    }

    /** The operation of one {@code ALTER TABLE} action, e.g. {@code ADD COLUMN a int}. */
    static Op alterAction(String table, String action) {
        return new TokenReader(SqlTokens.of(action)).action(table);
    }

    /** Whether the statement sets {@code lock_timeout} through {@code set_config}. */
    static boolean setsLockTimeoutByFunction(String sql) {
        List<String> tokens = SqlTokens.of(sql);
        return tokens.stream().anyMatch(t -> t.equalsIgnoreCase("set_config"))
                && tokens.stream().anyMatch(t -> t.equalsIgnoreCase("'lock_timeout'"));
    }

    /** Null when the statement is not one this reader knows. */
    private List<Op> statement() {
        if (accept("vacuum")) {
            return List.of(new Op.Vacuum(tokens.stream().anyMatch(t -> t.equalsIgnoreCase("full"))));
        }
        if (accept("cluster")) {
            return List.of(new Op.Cluster());
        }
        if (accept("lock")) {
            return List.of(new Op.LockTable());
        }
        if (accept("set")) {
            if (!accept("local")) {
                accept("session");
            }
            return is("lock_timeout") ? List.of(new Op.SetLockTimeout()) : List.of();
        }
        if (is("select") && setsLockTimeoutByFunction(String.join(" ", tokens))) {
            return List.of(new Op.SetLockTimeout());
        }
        if (accept("drop")) {
            return drop();
        }
        if (accept("alter", "table")) {
            return alterTable();
        }
        if (accept("create")) {
            return create();
        }
        return null;
    }

    private List<Op> drop() {
        if (accept("index")) {
            boolean concurrently = accept("concurrently");
            accept("if", "exists");
            return List.of(new Op.DropIndex(names(), concurrently));
        }
        if (accept("table")) {
            accept("if", "exists");
            return List.of(new Op.DropTable(names()));
        }
        return List.of();
    }

    private List<Op> alterTable() {
        accept("if", "exists");
        accept("only");
        String table = name();
        List<Op> ops = new ArrayList<>();
        for (List<String> action : splitTopLevel(tokens.subList(pos, tokens.size()))) {
            ops.add(new TokenReader(action).action(table));
        }
        return ops;
    }

    private List<Op> create() {
        boolean unique = accept("unique");
        if (accept("index")) {
            boolean concurrently = accept("concurrently");
            accept("if", "not", "exists");
            String name = is("on") ? null : name();
            if (!accept("on")) {
                return null;
            }
            accept("only");
            return List.of(new Op.CreateIndex(name, name(), concurrently));
        }
        if (unique) {
            return null;
        }
        while (accept("unlogged") || accept("temporary") || accept("temp")) {
            // Table kinds that do not matter here.
        }
        if (!accept("table")) {
            return List.of();
        }
        accept("if", "not", "exists");
        String table = name();
        List<Op.Column> columns = new ArrayList<>();
        if (accept("(")) {
            int close = closing(pos - 1);
            for (List<String> element : splitTopLevel(tokens.subList(pos, close))) {
                TokenReader reader = new TokenReader(element);
                if (!element.isEmpty() && !TABLE_CONSTRAINT.contains(lower(element.get(0))) && !reader.is("like")) {
                    String column = reader.name();
                    columns.add(new Op.Column(column, Types.canonical(reader.typeTokens())));
                }
            }
        }
        return List.of(new Op.CreateTable(table, columns));
    }

    /** One ALTER TABLE action. */
    private Op action(String table) {
        if (accept("add")) {
            if (!tokens.isEmpty() && pos < tokens.size() && TABLE_CONSTRAINT.contains(lower(tokens.get(pos)))) {
                return constraint(table);
            }
            accept("column");
            accept("if", "not", "exists");
            return addColumn(table, name());
        }
        if (accept("alter")) {
            accept("column");
            String column = name();
            if (accept("set", "data", "type") || accept("type")) {
                List<String> type = upTo(Set.of("using", "collate"));
                return new Op.AlterType(table, column, Types.canonical(type), accept("using"));
            }
            return accept("set", "not", "null") ? new Op.SetNotNull(table, column) : new Op.OtherAlter(table);
        }
        if (accept("drop")) {
            if (is("constraint")) {
                return new Op.OtherAlter(table);
            }
            accept("column");
            accept("if", "exists");
            return new Op.DropColumn(table, name());
        }
        if (accept("rename")) {
            if (accept("to")) {
                return new Op.RenameTable(table, name());
            }
            if (is("constraint")) {
                return new Op.OtherAlter(table);
            }
            accept("column");
            String from = name();
            accept("to");
            return new Op.RenameColumn(table, from, name());
        }
        if (accept("validate", "constraint")) {
            return new Op.ValidateConstraint(table, name());
        }
        return new Op.OtherAlter(table);
    }

    private Op addColumn(String table, String column) {
        List<String> type = typeTokens();
        String canonical = Types.canonical(type);
        boolean notNull = false;
        boolean rewrites = Types.SERIALS.contains(canonical);
        String defaultExpression = null;
        while (pos < tokens.size()) {
            if (accept("not", "null") || accept("primary", "key")) {
                notNull = true;
            } else if (accept("default")) {
                defaultExpression = String.join(" ", upTo(COLUMN_CONSTRAINT));
            } else if (accept("generated")) {
                rewrites = true;
            } else {
                skip();
            }
        }
        return new Op.AddColumn(table, column, canonical, notNull, defaultExpression, rewrites);
    }

    private Op constraint(String table) {
        String name = accept("constraint") ? name() : null;
        Op.Kind kind = Op.Kind.OTHER;
        String notNullColumn = null;
        if (accept("check")) {
            kind = Op.Kind.CHECK;
            notNullColumn = isNotNullCheck();
        } else if (accept("foreign")) {
            kind = Op.Kind.FOREIGN_KEY;
        } else if (accept("unique")) {
            kind = Op.Kind.UNIQUE;
        } else if (accept("primary")) {
            kind = Op.Kind.PRIMARY_KEY;
        }
        boolean usingIndex = false;
        boolean notValid = false;
        while (pos < tokens.size()) {
            if (accept("using", "index")) {
                usingIndex = true;
            } else if (accept("not", "valid")) {
                notValid = true;
            } else {
                skip();
            }
        }
        return new Op.AddConstraint(table, name, kind, notValid, usingIndex, notNullColumn);
    }

    /** For {@code CHECK (col IS NOT NULL)} at the cursor: the column, else null. Moves past the parentheses. */
    private String isNotNullCheck() {
        if (!is("(")) {
            return null;
        }
        int close = closing(pos);
        List<String> inner = new ArrayList<>(tokens.subList(pos + 1, close));
        pos = close + 1;
        while (inner.size() > 2
                && inner.get(0).equals("(")
                && inner.get(inner.size() - 1).equals(")")) {
            inner = inner.subList(1, inner.size() - 1);
        }
        TokenReader check = new TokenReader(inner);
        String column = check.name();
        return check.accept("is", "not", "null") && check.pos == inner.size() ? column : null;
    }

    /** The tokens of a column's type: up to its first constraint word outside parentheses. */
    private List<String> typeTokens() {
        return upTo(COLUMN_CONSTRAINT);
    }

    /** Tokens from the cursor up to (not including) one of {@code stops} outside parentheses. */
    private List<String> upTo(Set<String> stops) {
        int start = pos;
        while (pos < tokens.size() && !stops.contains(lower(tokens.get(pos)))) {
            skip();
        }
        return tokens.subList(start, pos);
    }

    /** Moves past one token, or past a whole parenthesised group. */
    private void skip() {
        pos = tokens.get(pos).equals("(") ? closing(pos) + 1 : pos + 1;
    }

    /** The index of the parenthesis closing the one at {@code open} (the end when unbalanced). */
    private int closing(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).equals("(")) {
                depth++;
            } else if (tokens.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    /** Comma-separated names, up to CASCADE/RESTRICT. */
    private List<String> names() {
        List<String> names = new ArrayList<>();
        while (pos < tokens.size() && !is("cascade") && !is("restrict")) {
            names.add(name());
            accept(",");
        }
        return names;
    }

    /** A possibly schema-qualified name; returns its last part, normalised. */
    private String name() {
        String name = pos < tokens.size() ? normalize(tokens.get(pos++)) : "";
        while (pos + 1 < tokens.size() && tokens.get(pos).equals(".")) {
            name = normalize(tokens.get(pos + 1));
            pos += 2;
        }
        return name;
    }

    private boolean is(String word) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
    }

    /** Consumes the words if they come next, in order. */
    private boolean accept(String... words) {
        if (pos + words.length > tokens.size()) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!tokens.get(pos + i).equalsIgnoreCase(words[i])) {
                return false;
            }
        }
        pos += words.length;
        return true;
    }

    /** Splits at commas outside parentheses. */
    private static List<List<String>> splitTopLevel(List<String> list) {
        List<List<String>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.size(); i++) {
            String token = list.get(i);
            depth += token.equals("(") ? 1 : token.equals(")") ? -1 : 0;
            if (depth == 0 && token.equals(",")) {
                parts.add(list.subList(start, i));
                start = i + 1;
            }
        }
        if (start < list.size()) {
            parts.add(list.subList(start, list.size()));
        }
        return parts;
    }

    /** An identifier as PostgreSQL folds it: quoted ones as written, others lower-cased. */
    static String normalize(String identifier) {
        if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return lower(identifier);
    }

    private static String lower(String token) {
        return token.toLowerCase(Locale.ROOT);
    }
}
