package dev.migrations.it;

import dev.migrations.Migrations;
import dev.migrations.MigrationsConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One fresh database owned by one test: its JDBC coordinates, a few JDBC helpers that read it
 * independently of the engine, and {@link #close()} to drop it.
 */
final class TestDatabase implements AutoCloseable {
    /** Drops a database once its test is done. */
    interface Dropper {
        void drop() throws SQLException;
    }

    private final String kind;
    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final Dropper dropper;

    TestDatabase(String kind, String name, String url, String user, String password, Dropper dropper) {
        this.kind = kind;
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.dropper = dropper;
    }

    /** {@code postgresql} or {@code h2}. */
    String kind() {
        return kind;
    }

    /** The database's name (as in {@code CREATE DATABASE}). */
    String name() {
        return name;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** An engine configuration for this database and the scripts in {@code scripts}. */
    MigrationsConfig.Builder configure(Path scripts) {
        return Migrations.configure().locations("filesystem:" + scripts).url(url, user, password);
    }

    /** The database's driver's own DataSource, as an application would configure it. */
    DataSource dataSource() {
        if (kind.equals("h2")) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection(url, props);
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = connect();
                Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** The first column of every row, as strings. */
    List<String> strings(String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection connection = connect();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    long number(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        dropper.drop();
    }

    @Override
    public String toString() {
        return kind + " database " + name;
    }
}
