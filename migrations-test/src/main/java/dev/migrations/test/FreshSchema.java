package dev.migrations.test;

import dev.migrations.MigrationsConfig;
import dev.migrations.internal.jdbc.DelegatingDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * A schema created for one check in a DataSource the test gave (for users who may not create
 * databases), dropped with {@code CASCADE} when closed. Every connection the kit and the engine take
 * has its {@code search_path} set to the schema, and reset before it goes back to the pool, so
 * unqualified names in revision scripts land in it.
 *
 * @param dataSource the test's DataSource
 * @param name the schema's random name
 */
record FreshSchema(DataSource dataSource, String name) implements Sandbox {

    /** Creates sandboxes as schemas of the given DataSource. */
    static Factory in(DataSource dataSource) {
        return () -> {
            byte[] bytes = new byte[6];
            ThreadLocalRandom.current().nextBytes(bytes);
            String name = "mig_check_" + HexFormat.of().formatHex(bytes);
            try (Connection connection = dataSource.getConnection();
                    Statement st = connection.createStatement()) {
                st.execute("CREATE SCHEMA " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "Could not create test schema " + name + " in the DataSource: " + e.getMessage()
                                + "; the migration test kit needs the CREATE privilege on the database",
                        e);
            }
            return new FreshSchema(dataSource, name);
        };
    }

    @Override
    public Connection connect() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement st = connection.createStatement()) {
            st.execute("SET search_path TO " + name);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(
                FreshSchema.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        resetAndClose(connection);
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void resetAndClose(Connection connection) throws SQLException {
        try (connection) {
            if (!connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                try (Statement st = connection.createStatement()) {
                    st.execute("RESET search_path");
                }
            }
        }
    }

    @Override
    public MigrationsConfig.Builder configure(MigrationsConfig.Builder builder) {
        return builder.dataSource(new Scoped()).schema(name);
    }

    @Override
    public void close() {
        try (Connection connection = dataSource.getConnection();
                Statement st = connection.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test schema " + name + ": " + e.getMessage(), e);
        }
    }

    /** The test's DataSource with every connection scoped to the schema. */
    private final class Scoped extends DelegatingDataSource {
        Scoped() {
            super(dataSource);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connect();
        }
    }
}
