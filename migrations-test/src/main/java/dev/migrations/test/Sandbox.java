package dev.migrations.test;

import dev.migrations.MigrationsConfig;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where one check runs: a database of its own ({@link FreshDatabase}) or a schema of its own ({@link
 * FreshSchema}), removed when closed.
 */
interface Sandbox extends AutoCloseable {
    /** A new connection whose current schema is the sandbox's. */
    Connection connect() throws SQLException;

    /** Points an engine configuration at the sandbox. */
    MigrationsConfig.Builder configure(MigrationsConfig.Builder builder);

    /** The database's or schema's name, for messages. */
    String name();

    /** Drops the database or schema. */
    @Override
    void close();

    /** Creates sandboxes: on a PostgreSQL server, or in a DataSource the test gave. */
    interface Factory {
        /** A new, empty sandbox. */
        Sandbox create();
    }
}
