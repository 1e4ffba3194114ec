package dev.migrations.internal.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that hands out another's connections, changed by {@link #getConnection()}; the
 * settings and unwrapping are the other's. What a schema-scoped DataSource needs besides its one
 * method.
 */
public abstract class DelegatingDataSource implements DataSource {
    private final DataSource target;

    /** Delegates to {@code target}. */
    protected DelegatingDataSource(DataSource target) {
        this.target = target;
    }

    /** The DataSource delegated to. */
    protected final DataSource target() {
        return target;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }

    /** Not supported: the engine connects as the DataSource's own user. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException(
                getClass().getSimpleName() + " connects as the DataSource's own user");
    }
}
