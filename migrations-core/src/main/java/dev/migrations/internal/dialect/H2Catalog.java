package dev.migrations.internal.dialect;

/**
 * The INFORMATION_SCHEMA queries (H2 2.x) schema reflection runs: one per kind of object for the whole
 * schema, each taking the schema name as its only parameter.
 */
public final class H2Catalog {
    private H2Catalog() {}

    /** Table name, type ({@code BASE TABLE} or {@code VIEW}), comment. */
    public static final String TABLES = "SELECT TABLE_NAME, TABLE_TYPE, REMARKS FROM INFORMATION_SCHEMA.TABLES"
            + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME";

    /**
     * Table, column, data type, length, precision, scale, datetime precision, nullable, default,
     * identity, identity generation, generated, generation expression, comment.
     */
    public static final String COLUMNS = "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH,"
            + " NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY,"
            + " IDENTITY_GENERATION, IS_GENERATED, GENERATION_EXPRESSION, REMARKS"
            + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION";

    /** Table, constraint, type, column, position, check clause, referenced table, referenced column, rules. */
    public static final String CONSTRAINTS = "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE,"
            + " k.COLUMN_NAME, k.ORDINAL_POSITION, cc.CHECK_CLAUSE, rk.TABLE_NAME, rk.COLUMN_NAME,"
            + " rc.DELETE_RULE, rc.UPDATE_RULE"
            + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc"
            + " LEFT JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
            + "   AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
            + " LEFT JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
            + "   AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
            + " LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
            + "   AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
            + " LEFT JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE rk ON rk.CONSTRAINT_SCHEMA = rc.UNIQUE_CONSTRAINT_SCHEMA"
            + "   AND rk.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME AND rk.ORDINAL_POSITION = k.POSITION_IN_UNIQUE_CONSTRAINT"
            + " WHERE tc.TABLE_SCHEMA = ? ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION";

    /** Indexes H2 did not generate for a constraint: table, index, unique, column, ordering. */
    public static final String INDEXES = "SELECT i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME, c.COLUMN_NAME,"
            + " c.ORDERING_SPECIFICATION"
            + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c"
            + "   ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME"
            + " WHERE i.TABLE_SCHEMA = ? AND NOT i.IS_GENERATED ORDER BY i.TABLE_NAME, i.INDEX_NAME, c.ORDINAL_POSITION";

    /** Sequences: name, type, start, increment, min, max, cache, cycle. */
    public static final String SEQUENCES = "SELECT SEQUENCE_NAME, DATA_TYPE, START_VALUE, INCREMENT, MINIMUM_VALUE,"
            + " MAXIMUM_VALUE, CACHE, CYCLE_OPTION FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = ?"
            + " ORDER BY SEQUENCE_NAME";

    /** View name, definition. */
    public static final String VIEWS = "SELECT TABLE_NAME, VIEW_DEFINITION FROM INFORMATION_SCHEMA.VIEWS"
            + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME";

    /** The connection's current schema. */
    public static final String CURRENT_SCHEMA = "SELECT CURRENT_SCHEMA";
}
