package dev.migrations.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What "the database is unchanged" means in this suite, as one comparable text: the catalog of every
 * schema that is not PostgreSQL's own (schemas with owner and grants; tables, views, sequences with
 * kind, owner, grants and options; columns with type, nullability, default, identity and collation;
 * indexes with their definitions and validity; constraints with their definitions; view bodies;
 * sequence state; functions and procedures with their source; triggers; enum labels), the database's
 * own settings, and the full contents of every table, so the engine's version, history, verification,
 * partial-progress and lease rows are compared row by row, not counted. Row counts alone missed a
 * version row rewritten in place and a column whose default or nullability changed.
 */
final class Catalog {
    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
            + " AND n.nspname NOT LIKE 'pg_temp_%' AND n.nspname NOT LIKE 'pg_toast_temp_%'";

    /** One query per kind of object; every line is self-describing so a diff names what changed. */
    private static final List<String> QUERIES = List.of(
            "SELECT 'schema ' || n.nspname || ' owner=' || pg_get_userbyid(n.nspowner) || ' acl=' ||"
                    + " coalesce(n.nspacl::text, '-') FROM pg_namespace n WHERE " + USER_SCHEMAS,
            "SELECT 'relation ' || n.nspname || '.' || c.relname || ' kind=' || c.relkind::text || ' owner='"
                    + " || pg_get_userbyid(c.relowner) || ' acl=' || coalesce(c.relacl::text, '-') || ' options='"
                    + " || coalesce(c.reloptions::text, '-') || ' persistence=' || c.relpersistence::text"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + USER_SCHEMAS,
            "SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname || ' #' || a.attnum || ' '"
                    + " || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ''"
                    + " END || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' identity='"
                    + " || a.attidentity::text || ' generated=' || a.attgenerated::text || ' collation='"
                    + " || coalesce(a.attcollation::regcollation::text, '-')"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
                    + " AND " + USER_SCHEMAS,
            "SELECT 'index ' || n.nspname || '.' || i.relname || ' ' || pg_get_indexdef(x.indexrelid)"
                    + " || ' valid=' || x.indisvalid || ' ready=' || x.indisready"
                    + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                    + " JOIN pg_namespace n ON n.oid = i.relnamespace WHERE " + USER_SCHEMAS,
            "SELECT 'constraint ' || n.nspname || '.' || coalesce(c.relname, '(domain)') || '.' || k.conname"
                    + " || ' ' || pg_get_constraintdef(k.oid) || ' deferrable=' || k.condeferrable"
                    + " || ' validated=' || k.convalidated"
                    + " FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace"
                    + " LEFT JOIN pg_class c ON c.oid = k.conrelid WHERE " + USER_SCHEMAS,
            "SELECT 'view ' || n.nspname || '.' || c.relname || ' ' || pg_get_viewdef(c.oid)"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE c.relkind IN ('v', 'm') AND " + USER_SCHEMAS,
            "SELECT 'sequence ' || schemaname || '.' || sequencename || ' ' || data_type || ' start=' ||"
                    + " start_value || ' increment=' || increment_by || ' last=' || coalesce(last_value::text, '-')"
                    + " FROM pg_sequences",
            "SELECT 'function ' || p.oid::regprocedure::text || ' kind=' || p.prokind::text || ' returns='"
                    + " || p.prorettype::regtype::text || ' source=' || md5(coalesce(p.prosrc, ''))"
                    + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMAS,
            "SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text FROM pg_trigger t"
                    + " JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE NOT t.tgisinternal AND " + USER_SCHEMAS,
            "SELECT 'enum ' || e.enumtypid::regtype::text || ' ' || e.enumsortorder || ' ' || e.enumlabel"
                    + " FROM pg_enum e",
            "SELECT 'setting ' || array_to_string(s.setconfig, ',') FROM pg_db_role_setting s"
                    + " JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = current_database()");

    private Catalog() {}

    /** The snapshot of a database, compared whole by the tests. */
    static String snapshot(Pg server, String database) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = server.connect(server.url(database));
                Statement st = c.createStatement()) {
            for (String query : QUERIES) {
                lines.addAll(sorted(st, query));
            }
            List<String> tables = sorted(
                    st,
                    "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                            + " AND " + USER_SCHEMAS);
            for (String table : tables) {
                for (String row : sorted(st, "SELECT t::text FROM " + table + " t")) {
                    lines.add("row " + table + " " + row);
                }
            }
        }
        return String.join("\n", lines);
    }

    private static List<String> sorted(Statement st, String query) throws SQLException {
        List<String> result = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                result.add(String.valueOf(rs.getString(1)));
            }
        }
        result.sort(null);
        return result;
    }
}
