package dev.migrations.spi;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the wanted schema comes from: a declared schema file, JPA entities, or anything that can
 * create its objects in an empty scratch schema. Autogenerate and {@code check} load the model into
 * a scratch schema and reflect it, so types and defaults are normalised by the database itself.
 */
public interface ModelSource {
    /** A short description for messages, e.g. {@code db/schema.sql} or {@code JPA entities in com.acme}. */
    String describe();

    /**
     * Creates the model's objects in an empty scratch schema.
     *
     * @param connection a connection whose current schema (PostgreSQL {@code search_path}, H2 {@code
     *     SCHEMA}) is already set to {@code scratchSchema}
     * @param scratchSchema the name of the empty scratch schema, for sources that qualify names
     * @param dialect the dialect's short name ({@code postgresql}, {@code h2})
     * @throws SQLException when the database rejects the model's DDL
     */
    void load(Connection connection, String scratchSchema, String dialect) throws SQLException;
}
