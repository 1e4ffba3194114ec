package dev.migrations.internal.dialect;

/**
 * The pg_catalog queries schema reflection runs: one query per kind of object for the whole schema
 * (never one per table), each taking the schema name as its only parameter and ordered by name.
 * Reflection sets {@code search_path} to the reflected schema first, so {@code format_type},
 * {@code pg_get_expr} and {@code pg_get_viewdef} print names of that schema unqualified, which makes
 * two schemas' output comparable.
 */
public final class PostgresCatalog {
    private PostgresCatalog() {}

    /** Table name, comment. */
    public static final String TABLES = "SELECT c.relname, pg_catalog.obj_description(c.oid, 'pg_class')"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname";

    /**
     * Table, column, type, not null, default (or generation expression), identity ('a', 'd' or ''),
     * generated ('s' or ''), comment, and the sequence the column owns (serial columns) or null.
     */
    public static final String COLUMNS = "SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),"
            + " a.attnotnull, pg_catalog.pg_get_expr(d.adbin, d.adrelid, true), a.attidentity, a.attgenerated,"
            + " pg_catalog.col_description(c.oid, a.attnum), o.seqname"
            + " FROM pg_catalog.pg_attribute a"
            + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " LEFT JOIN (SELECT dep.refobjid, dep.refobjsubid, s.relname AS seqname FROM pg_catalog.pg_depend dep"
            + "   JOIN pg_catalog.pg_class s ON s.oid = dep.objid AND s.relkind = 'S'"
            + "   WHERE dep.classid = 'pg_catalog.pg_class'::regclass AND dep.refclassid = 'pg_catalog.pg_class'::regclass"
            + "   AND dep.deptype = 'a') o ON o.refobjid = c.oid AND o.refobjsubid = a.attnum"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
            + " AND a.attnum > 0 AND NOT a.attisdropped"
            + " ORDER BY c.relname, a.attnum";

    /**
     * Table, constraint, type ('p', 'u', 'f', 'c'), columns, referenced schema, referenced table,
     * referenced columns, ON DELETE and ON UPDATE codes, and {@code pg_get_constraintdef}.
     */
    public static final String CONSTRAINTS = "SELECT c.relname, con.conname, con.contype,"
            + " ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)"
            + "   JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),"
            + " rn.nspname, rc.relname,"
            + " ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)"
            + "   JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),"
            + " con.confdeltype, con.confupdtype, pg_catalog.pg_get_constraintdef(con.oid, true)"
            + " FROM pg_catalog.pg_constraint con"
            + " JOIN pg_catalog.pg_class c ON c.oid = con.conrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid"
            + " LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND con.contype IN ('p', 'u', 'f', 'c')"
            + " ORDER BY c.relname, con.conname";

    /**
     * Indexes that back no constraint: table, index, unique, access method, keys (expressions in
     * parentheses, {@code DESC} appended), partial-index predicate.
     */
    public static final String INDEXES = "SELECT t.relname, i.relname, ix.indisunique, am.amname,"
            + " ARRAY(SELECT CASE WHEN ix.indkey[k - 1] = 0"
            + "     THEN '(' || pg_catalog.pg_get_indexdef(ix.indexrelid, k, true) || ')'"
            + "     ELSE pg_catalog.pg_get_indexdef(ix.indexrelid, k, true) END"
            + "   || CASE WHEN ix.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END"
            + "   FROM generate_series(1, ix.indnkeyatts) k ORDER BY k),"
            + " pg_catalog.pg_get_expr(ix.indpred, ix.indrelid, true)"
            + " FROM pg_catalog.pg_index ix"
            + " JOIN pg_catalog.pg_class i ON i.oid = ix.indexrelid"
            + " JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
            + " JOIN pg_catalog.pg_am am ON am.oid = i.relam"
            + " WHERE n.nspname = ? AND t.relkind IN ('r', 'p')"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = ix.indexrelid"
            + "   AND con.contype IN ('p', 'u', 'x'))"
            + " ORDER BY t.relname, i.relname";

    /** Enum type, labels in sort order. */
    public static final String ENUMS = "SELECT t.typname, ARRAY(SELECT e.enumlabel FROM pg_catalog.pg_enum e"
            + " WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)"
            + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
            + " WHERE n.nspname = ? AND t.typtype = 'e' ORDER BY t.typname";

    /** Sequences no column owns: name, type, start, increment, min, max, cache, cycle. */
    public static final String SEQUENCES = "SELECT c.relname, pg_catalog.format_type(s.seqtypid, NULL), s.seqstart,"
            + " s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle"
            + " FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
            + "   WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid"
            + "   AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i'))"
            + " ORDER BY c.relname";

    /** View name, definition. */
    public static final String VIEWS = "SELECT c.relname, pg_catalog.pg_get_viewdef(c.oid, true)"
            + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind = 'v' ORDER BY c.relname";

    /** The current search_path, to restore after reflection. */
    public static final String SHOW_SEARCH_PATH = "SELECT pg_catalog.current_setting('search_path')";

    /** Sets the session's search_path (parameter: the value). */
    public static final String SET_SEARCH_PATH = "SELECT pg_catalog.set_config('search_path', ?, false)";

    /** The connection's current schema. */
    public static final String CURRENT_SCHEMA = "SELECT current_schema()";
}
