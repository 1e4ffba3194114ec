package dev.migrations.internal.schema.reflect;

import dev.migrations.MigrationsException;
import dev.migrations.spi.model.SchemaModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a schema into a {@link SchemaModel}.
 *
 * <pre>{@code
 * SchemaModel model = SchemaReflector.reflect(connection, "postgresql", "public", Set.of("alembic_version*"));
 * }</pre>
 *
 * <p>PostgreSQL is read from pg_catalog, H2 from INFORMATION_SCHEMA, with one query per kind of
 * object for the whole schema. Names in types, defaults, checks, index expressions and view
 * definitions are printed unqualified for objects of the reflected schema, so models of two schemas
 * (the database's and a scratch schema holding the wanted model) compare equal when their objects
 * are.
 */
public final class SchemaReflector {
    private SchemaReflector() {}

    /**
     * Reflects a schema.
     *
     * @param connection an open connection; its settings are restored afterwards
     * @param dialect {@code postgresql} or {@code h2}
     * @param schema the schema to read, or null for the connection's current schema
     * @param excludedTables tables and views to leave out: names or glob patterns ({@code *}, {@code
     *     ?}), case-insensitive
     * @return the schema's model
     * @throws MigrationsException when a catalog query fails
     */
    public static SchemaModel reflect(
            Connection connection, String dialect, String schema, Set<String> excludedTables) {
        TableFilter filter = new TableFilter(excludedTables);
        try {
            return switch (dialect.toLowerCase(Locale.ROOT)) {
                case "postgresql" -> new PostgresReflector(connection, filter).reflect(schema);
                case "h2" -> new H2Reflector(connection, filter).reflect(schema);
                default ->
                    throw new MigrationsException(
                            "Schema reflection supports postgresql and h2, not '" + dialect + "'");
            };
        } catch (SQLException e) {
            throw new MigrationsException(
                    "Could not reflect schema " + (schema == null ? "(current)" : schema) + ": " + e.getMessage()
                            + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]"),
                    e);
        }
    }
}
