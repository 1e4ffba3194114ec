package dev.migrations.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The functions, procedures and triggers of the current PostgreSQL schema, which the engine's schema
 * model does not hold: a downgrade that forgets {@code DROP FUNCTION} or {@code DROP TRIGGER} is caught
 * too. Functions are compared by a hash of their full definition, triggers by their definition.
 *
 * @param objects each object ({@code function audit()}, {@code trigger orders_audit on orders}) with
 *     its definition
 */
record RoutineSnapshot(Map<String, String> objects) {
    private static final String NS = "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())";
    private static final String FUNCTIONS = "SELECT 'function ' || p.proname || '('"
            + " || pg_get_function_identity_arguments(p.oid) || ')', NULL, md5(pg_get_functiondef(p.oid))"
            + " FROM pg_proc p WHERE p.pronamespace = " + NS + " AND p.prokind IN ('f', 'p')";
    private static final String TRIGGERS = "SELECT 'trigger ' || tg.tgname || ' on ' || c.relname, c.relname,"
            + " pg_get_triggerdef(tg.oid) FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid"
            + " WHERE c.relnamespace = " + NS + " AND NOT tg.tgisinternal";

    RoutineSnapshot {
        objects = new TreeMap<>(objects);
    }

    /** Reads the connection's current schema, leaving out triggers on the given tables. */
    static RoutineSnapshot take(Connection connection, Set<String> excludedTables) throws SQLException {
        Map<String, String> objects = new TreeMap<>();
        for (String query : List.of(FUNCTIONS, TRIGGERS)) {
            try (PreparedStatement st = connection.prepareStatement(query);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(2);
                    if (table == null || !excludedTables.contains(table)) {
                        objects.put(rs.getString(1), rs.getString(3));
                    }
                }
            }
        }
        return new RoutineSnapshot(objects);
    }

    /** One line per function or trigger that {@code actual} has extra, lacks or defines differently. */
    List<String> differencesTo(RoutineSnapshot actual) {
        List<String> result = new ArrayList<>();
        for (String name : actual.objects.keySet()) {
            if (!objects.containsKey(name)) {
                result.add(name + " still exists");
            }
        }
        for (Map.Entry<String, String> entry : objects.entrySet()) {
            String now = actual.objects.get(entry.getKey());
            if (now == null) {
                result.add(entry.getKey() + " is missing");
            } else if (!now.equals(entry.getValue())) {
                result.add(entry.getKey() + " has a different definition");
            }
        }
        return result;
    }
}
