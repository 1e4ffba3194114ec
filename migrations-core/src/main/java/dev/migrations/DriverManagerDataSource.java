package dev.migrations;

import dev.migrations.internal.redaction.Redaction;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A minimal unpooled DataSource over {@link DriverManager}: each {@code getConnection} opens a
 * connection, and closing it closes it. What {@code MigrationsConfig.Builder.url} and a fleet's
 * database-per-tenant layout connect with; errors never show the password.
 */
public final class DriverManagerDataSource implements DataSource {
    private final String url;
    private final @Nullable String user;
    private final @Nullable String password;

    /**
     * A DataSource for a JDBC URL.
     *
     * @throws MigrationsException when the URL does not start with {@code jdbc:}
     */
    public DriverManagerDataSource(@Nullable String url, @Nullable String user, @Nullable String password) {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new MigrationsException(
                    "Database URL must start with 'jdbc:' (e.g." + " jdbc:postgresql://localhost:5432/app); got "
                            + (url == null ? "nothing" : "'" + scheme(url) + "'"));
        }
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The URL without anything that could hold credentials. */
    static String scheme(String url) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        int at = base.lastIndexOf('@');
        return at < 0 ? base : base.substring(0, base.indexOf("//") + 2) + "***@" + base.substring(at + 1);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        if (url.startsWith("jdbc:postgresql:") && !url.toLowerCase(Locale.ROOT).contains("applicationname=")) {
            // What pg_stat_activity shows, so a waiting migrator can say who holds the lock.
            props.setProperty(
                    "ApplicationName",
                    "migrations (pid " + ProcessHandle.current().pid() + ")");
        }
        try {
            return DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw redacted(e, password);
        }
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        try {
            return DriverManager.getConnection(url, username, pass);
        } catch (SQLException e) {
            throw redacted(e, pass);
        }
    }

    /**
     * The error without the password: drivers quote the URL or a part of it in their messages and
     * their causes' ("No suitable driver found for jdbc:...?password=...", an unknown host
     * "user:password@host"). When any message of the chain holds a secret, the chain is replaced
     * by one exception whose message carries the redacted messages.
     */
    private SQLException redacted(SQLException e, @Nullable String secret) {
        List<String> secrets = new ArrayList<>(Redaction.secretsOf(url));
        if (secret != null) {
            secrets.add(secret);
        }
        boolean leaks = false;
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage();
            String clean = Redaction.redact(text, null);
            for (String s : secrets) {
                if (!s.isEmpty()) {
                    clean = clean.replace(s, "***");
                }
            }
            leaks |= !clean.equals(text);
            if (t != e) {
                message.append(" (").append(t.getClass().getSimpleName()).append(": ");
            }
            message.append(clean).append(t != e ? ")" : "");
        }
        if (!leaks) {
            return e;
        }
        SQLException clean = new SQLException(message.toString(), e.getSQLState(), e.getErrorCode());
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    @Override
    public String toString() {
        return "DriverManagerDataSource[" + scheme(url) + "]";
    }
}
