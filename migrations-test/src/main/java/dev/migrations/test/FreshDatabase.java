package dev.migrations.test;

import dev.migrations.MigrationsConfig;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database created for one check and dropped (with {@code FORCE}, so leftover connections do not
 * keep it) when closed.
 *
 * @param server the server it lives on
 * @param name its random name
 * @param url its JDBC URL
 */
record FreshDatabase(PostgresServer server, String name, String url) implements Sandbox {

    @Override
    public Connection connect() throws SQLException {
        return server.connect(url);
    }

    @Override
    public MigrationsConfig.Builder configure(MigrationsConfig.Builder builder) {
        return builder.url(url, server.user(), server.password());
    }

    @Override
    public void close() {
        try {
            server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + name + ": " + e.getMessage(), e);
        }
    }
}
