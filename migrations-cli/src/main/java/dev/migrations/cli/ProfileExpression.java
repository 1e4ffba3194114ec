package dev.migrations.cli;

import dev.migrations.MigrationsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spring's profile expressions, as {@code spring.config.activate.on-profile} takes them: a
 * comma-separated list that matches when any item does; an item is a profile name, {@code !item},
 * {@code a & b}, {@code a | b} or a parenthesized item ({@code &} and {@code |} do not mix without
 * parentheses).
 */
final class ProfileExpression {
    private static final Pattern TOKEN = Pattern.compile("\\s*([()&|!]|[^()&|!\\s]+)");

    private final Path path;
    private final String expression;
    private final List<String> tokens = new ArrayList<>();
    private final List<String> active;
    private int next;

    private ProfileExpression(Path path, String expression, List<String> active) {
        this.path = path;
        this.expression = expression;
        this.active = active;
    }

    /**
     * Whether the expression matches the active profiles.
     *
     * @param path the config file, for messages
     * @param expressions the comma-separated expressions
     * @param active the active profiles
     */
    static boolean matches(Path path, String expressions, List<String> active) {
        boolean any = false;
        for (String expression : expressions.split(",")) {
            if (!expression.isBlank()) {
                any |= new ProfileExpression(path, expression.strip(), active).evaluate();
            }
        }
        return any;
    }

    private boolean evaluate() {
        Matcher m = TOKEN.matcher(expression);
        int end = 0;
        while (m.find() && m.start() == end) {
            tokens.add(m.group(1));
            end = m.end();
        }
        if (!expression.substring(end).isBlank()) {
            throw malformed();
        }
        boolean result = operation();
        if (next != tokens.size()) {
            throw malformed();
        }
        return result;
    }

    /** Operands joined by one kind of operator. */
    private boolean operation() {
        boolean result = operand();
        String operator = null;
        while (next < tokens.size()
                && (tokens.get(next).equals("&") || tokens.get(next).equals("|"))) {
            String op = tokens.get(next++);
            if (operator != null && !operator.equals(op)) {
                throw malformed();
            }
            operator = op;
            boolean right = operand();
            result = op.equals("&") ? result && right : result || right;
        }
        return result;
    }

    private boolean operand() {
        if (next >= tokens.size()) {
            throw malformed();
        }
        String token = tokens.get(next++);
        if (token.equals("!")) {
            return !operand();
        }
        if (token.equals("(")) {
            boolean result = operation();
            if (next >= tokens.size() || !tokens.get(next++).equals(")")) {
                throw malformed();
            }
            return result;
        }
        if (token.equals(")") || token.equals("&") || token.equals("|")) {
            throw malformed();
        }
        return active.contains(token);
    }

    private MigrationsException malformed() {
        return new MigrationsException("Config file " + path + ": spring.config.activate.on-profile '" + expression
                + "' is not a profile expression (names with !, & or |, and parentheses to mix & and |)");
    }
}
