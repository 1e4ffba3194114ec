package dev.migrations.internal.fleet;

import dev.migrations.internal.dialect.Dialect;
import dev.migrations.internal.jdbc.DelegatingDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections of a shared database with a tenant's schema first on the {@code search_path} (H2: its
 * current schema), so the unqualified names of the scripts land in it. Closing a connection puts the
 * old path back: the DataSource may be the application's pool, whose next borrower must not find
 * itself in a tenant's schema.
 */
final class TenantSchemaDataSource extends DelegatingDataSource {
    private static final Logger LOG = LoggerFactory.getLogger(TenantSchemaDataSource.class);

    /** Whether the schema is made when missing (runs that write) or left alone (reads). */
    enum Missing {
        CREATE,
        LEAVE
    }

    private static final Object CREATING = new Object();
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final Duration CATALOG_WAIT = Duration.ofSeconds(60);

    private final String schema;
    private final Missing missing;

    TenantSchemaDataSource(DataSource shared, String schema, Missing missing) {
        super(shared);
        this.schema = schema;
        this.missing = missing;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return enter(target().getConnection());
    }

    private Connection enter(Connection connection) throws SQLException {
        try {
            Dialect dialect = Dialect.forProduct(connection.getMetaData().getDatabaseProductName());
            boolean h2 = dialect.name().equals("h2");
            String before;
            boolean exists;
            try (PreparedStatement ps = connection.prepareStatement(
                    h2
                            ? "SELECT CURRENT_SCHEMA, EXISTS(SELECT 1 FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?)"
                            : "SELECT pg_catalog.current_setting('search_path'),"
                                    + " EXISTS(SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?)")) {
                ps.setString(1, dialect.storedName(schema));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    before = rs.getString(1);
                    exists = rs.getBoolean(2);
                }
            }
            if (!exists && missing == Missing.LEAVE) {
                // A read of a tenant not yet made: the version table, looked up in the schema, is absent.
                return connection;
            }
            String quoted = dialect.quote(schema);
            if (!exists) {
                // One at a time in this process: H2 locks its catalog for each CREATE SCHEMA and times out
                // parallel tenants that create theirs at once. Rare (once per tenant), so it costs nothing.
                synchronized (CREATING) {
                    createSchema(connection, quoted);
                }
            }
            if (h2) {
                execute(connection, "SET SCHEMA " + quoted);
                return restoring(connection, "SET SCHEMA \"" + before.replace("\"", "\"\"") + "\"", null);
            }
            setSearchPath(connection, before.isBlank() ? quoted : quoted + ", " + before);
            return restoring(connection, null, before);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Creates the schema. H2 also locks its catalog for the whole of another session's transaction that
     * ran DDL (a tenant migrating next door), and gives up after its lock timeout: that is busy, not
     * broken, so the creation waits for it, up to {@link #CATALOG_WAIT}.
     */
    private static void createSchema(Connection connection, String quoted) throws SQLException {
        long deadline = System.nanoTime() + CATALOG_WAIT.toNanos();
        for (long pause = 50; ; pause = Math.min(pause * 2, 1000)) {
            try {
                execute(connection, "CREATE SCHEMA IF NOT EXISTS " + quoted);
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                return;
            } catch (SQLException e) {
                if (e.getErrorCode() != H2_LOCK_TIMEOUT || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("Interrupted while waiting to create schema " + quoted, e);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void setSearchPath(Connection connection, String path) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT pg_catalog.set_config('search_path', ?, false)")) {
            ps.setString(1, path);
            ps.execute();
        }
    }

    /** The connection, whose {@code close} first runs {@code resetSql} or sets the search path back. */
    private static Connection restoring(Connection connection, @Nullable String resetSql, @Nullable String searchPath) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean closed;

            @Override
            public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
                if (method.getName().equals("close") && method.getParameterCount() == 0) {
                    if (!closed) {
                        closed = true;
                        reset(connection, resetSql, searchPath);
                        connection.close();
                    }
                    return null;
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(
                TenantSchemaDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static void reset(Connection connection, @Nullable String resetSql, @Nullable String searchPath) {
        try {
            if (connection.isClosed()) {
                return;
            }
            if (!connection.getAutoCommit()) {
                // A failed transaction refuses every statement until it ends; the run has ended it or lost it.
                connection.rollback();
            }
            if (resetSql != null) {
                execute(connection, resetSql);
            } else if (searchPath != null) {
                setSearchPath(connection, searchPath);
            }
        } catch (SQLException e) {
            LOG.warn(
                    "Could not set the connection's schema back after a tenant's run ({}); a pool may hand it out"
                            + " with the tenant's schema first",
                    e.getMessage());
        }
    }
}
