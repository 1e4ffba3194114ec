package dev.migrations.internal.lint;

import dev.migrations.internal.script.SqlTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Column types and defaults, as far as the rules need them: canonical names and cheap changes. */
final class Types {

    /** Functions whose result differs per row: a default calling one rewrites the table. */
    private static final Set<String> VOLATILE = Set.of(
            "random",
            "random_normal",
            "gen_random_uuid",
            "uuidv4",
            "uuidv7",
            "uuid_generate_v1",
            "uuid_generate_v1mc",
            "uuid_generate_v4",
            "clock_timestamp",
            "timeofday",
            "nextval");

    /** Serial pseudo-types: a column of one gets a nextval() default. */
    static final Set<String> SERIALS = Set.of("serial", "serial4", "bigserial", "serial8", "smallserial", "serial2");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("character varying", "varchar"),
            Map.entry("character", "char"),
            Map.entry("int", "integer"),
            Map.entry("int4", "integer"),
            Map.entry("int8", "bigint"),
            Map.entry("int2", "smallint"),
            Map.entry("decimal", "numeric"),
            Map.entry("bool", "boolean"),
            Map.entry("float8", "double precision"),
            Map.entry("float4", "real"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"),
            Map.entry("time with time zone", "timetz"));

    private Types() {}

    /**
     * The canonical spelling of a type written as these tokens: lower case, aliases resolved,
     * modifiers kept, e.g. {@code CHARACTER VARYING(20)} becomes {@code varchar(20)}.
     */
    static String canonical(List<String> tokens) {
        StringBuilder base = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        for (String token : tokens) {
            boolean word = Character.isLetter(token.charAt(0)) || token.charAt(0) == '_';
            if (rest.length() == 0 && word) {
                base.append(base.length() == 0 ? "" : " ").append(token.toLowerCase(Locale.ROOT));
            } else {
                rest.append(token.toLowerCase(Locale.ROOT).replace(" ", ""));
            }
        }
        String name = base.toString();
        if (rest.length() == 0) {
            return ALIASES.getOrDefault(name, name);
        }
        // "timestamp(3) with time zone": the modifier sits between the words.
        if (rest.charAt(0) == '(' && rest.toString().endsWith(")withtimezone")) {
            return "timestamptz" + rest.substring(0, rest.indexOf(")") + 1);
        }
        return ALIASES.getOrDefault(name, name) + rest;
    }

    /** The canonical type of a type's text, e.g. from the parser's output. */
    static String canonical(String text) {
        return canonical(SqlTokens.of(text));
    }

    /** The first volatile function the expression calls, or null. */
    static String volatileCall(String expression) {
        List<String> tokens = SqlTokens.of(expression);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String name = tokens.get(i).toLowerCase(Locale.ROOT);
            if (VOLATILE.contains(name) && tokens.get(i + 1).equals("(")) {
                return name + "()";
            }
        }
        return null;
    }

    /**
     * Whether changing a column from {@code from} to {@code to} keeps the rows as they are
     * (binary-compatible changes PostgreSQL makes without a rewrite). False when {@code from} is
     * unknown.
     */
    static boolean changesWithoutRewrite(String from, String to) {
        if (from == null) {
            return false;
        }
        if (from.equals(to)) {
            return true;
        }
        String fromBase = base(from);
        String toBase = base(to);
        List<Integer> fromMods = modifiers(from);
        List<Integer> toMods = modifiers(to);
        if (fromBase.equals("varchar") && (to.equals("text") || to.equals("varchar"))) {
            return true;
        }
        if (fromBase.equals("varchar") && toBase.equals("varchar") && fromMods.size() == 1 && toMods.size() == 1) {
            return toMods.get(0) >= fromMods.get(0);
        }
        if (from.equals("text") && to.equals("varchar")) {
            return true;
        }
        if (fromBase.equals("numeric") && toBase.equals("numeric")) {
            if (toMods.isEmpty()) {
                return true;
            }
            int fromScale = fromMods.size() > 1 ? fromMods.get(1) : 0;
            int toScale = toMods.size() > 1 ? toMods.get(1) : 0;
            return !fromMods.isEmpty() && fromScale == toScale && toMods.get(0) >= fromMods.get(0);
        }
        return false;
    }

    private static String base(String type) {
        int paren = type.indexOf('(');
        return paren < 0 ? type : type.substring(0, paren);
    }

    private static List<Integer> modifiers(String type) {
        List<Integer> result = new ArrayList<>();
        int open = type.indexOf('(');
        int close = type.indexOf(')');
        if (open < 0 || close < open || close != type.length() - 1) {
            return result;
        }
        for (String part : type.substring(open + 1, close).split(",")) {
            try {
                result.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return result;
    }
}
