package dev.migrations.internal.schema;

import dev.migrations.MigrationsException;
import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.schema.reflect.SchemaReflector;
import dev.migrations.spi.ModelSource;
import dev.migrations.spi.model.SchemaModel;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the model's {@link SchemaModel}: creates a uniquely named schema on the same database, loads
 * the model source into it, reflects it, and drops it again, whatever happened. The database itself
 * normalises the model's types and expressions, so they compare with the reflected database's.
 */
public final class ScratchSchema {
    private ScratchSchema() {}

    /**
     * Loads and reflects a model.
     *
     * @param connection a connection to the database the model is compared with
     * @param dialect {@code postgresql} or {@code h2}
     * @param source the model
     * @param excludedTables tables to leave out of the model
     */
    public static SchemaModel reflect(
            Connection connection, String dialect, ModelSource source, Set<String> excludedTables) {
        return reflect(connection, dialect, source, excludedTables, null);
    }

    /**
     * Loads and reflects a model, giving checks that mean the same as the database's the database's
     * text (PostgreSQL prints some expressions differently once they are read back).
     *
     * @param database the database's schema, or null
     */
    public static SchemaModel reflect(
            Connection connection,
            String dialect,
            ModelSource source,
            Set<String> excludedTables,
            SchemaModel database) {
        boolean h2 = dialect.equals("h2");
        String name = "migrations_scratch_" + HexFormat.of().formatHex(randomBytes());
        String stored = h2 ? name.toUpperCase(Locale.ROOT) : name;
        String quoted = Dialect.of(dialect).quote(name);
        try {
            connection.setAutoCommit(true);
            String previous =
                    single(connection, h2 ? "SELECT CURRENT_SCHEMA" : "SELECT current_setting('search_path')");
            execute(connection, "CREATE SCHEMA " + quoted);
            try {
                execute(connection, h2 ? "SET SCHEMA " + quoted : "SET search_path TO " + quoted);
                source.load(connection, stored, dialect);
                if (!connection.getAutoCommit()) {
                    connection.commit();
                    connection.setAutoCommit(true);
                }
                SchemaModel model = SchemaReflector.reflect(connection, dialect, stored, excludedTables);
                return database == null || h2 ? model : ExpressionNormalizer.align(connection, stored, database, model);
            } finally {
                cleanUp(connection, h2, quoted, previous);
            }
        } catch (SQLException e) {
            throw new MigrationsException(
                    "Could not load the model " + source.describe() + " into scratch schema "
                            + name + ": " + e.getMessage()
                            + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]"),
                    e);
        }
    }

    private static void cleanUp(Connection connection, boolean h2, String quoted, String previous) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        if (h2) {
            execute(connection, "SET SCHEMA " + Dialect.of("h2").quote(previous));
        } else {
            try (var ps = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
                ps.setString(1, previous);
                ps.executeQuery().close();
            }
        }
        execute(connection, "DROP SCHEMA " + quoted + " CASCADE");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
