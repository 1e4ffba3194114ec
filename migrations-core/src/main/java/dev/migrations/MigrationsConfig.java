package dev.migrations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the engine finds its scripts and keeps its state.
 *
 * @param locations where revision scripts live ({@code filesystem:} or {@code classpath:} prefixed)
 * @param classLoader the class loader for {@code classpath:} locations
 * @param dialect the database offline scripts are rendered for ({@code postgresql} or {@code h2})
 * @param versionTable the version table's name
 * @param schema the version table's schema, or null for the default schema
 * @param transactionPerMigration whether each revision commits on its own (else one transaction per run)
 */
public record MigrationsConfig(
        List<String> locations,
        ClassLoader classLoader,
        String dialect,
        String versionTable,
        String schema,
        boolean transactionPerMigration) {
    /** Default location of revision scripts for the command line. */
    public static final String DEFAULT_LOCATION = "filesystem:db/migrations";
    /** Default version table, as Alembic names it. */
    public static final String DEFAULT_VERSION_TABLE = "alembic_version";

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    /** Validates and copies. */
    public MigrationsConfig {
        locations = List.copyOf(locations);
        if (locations.isEmpty()) {
            throw new MigrationsException("No script locations configured; give at least one location");
        }
        Objects.requireNonNull(classLoader, "classLoader");
        Objects.requireNonNull(dialect, "dialect");
        if (!TABLE_NAME.matcher(versionTable).matches()) {
            throw new MigrationsException("Version table name '" + versionTable
                    + "' is not a plain identifier; use letters, digits and '_' (at most 63 characters)");
        }
        if (schema != null && schema.isEmpty()) {
            schema = null;
        }
        if (schema != null && !TABLE_NAME.matcher(schema).matches()) {
            throw new MigrationsException("Schema name '" + schema
                    + "' is not a plain identifier; use letters, digits and '_' (at most 63 characters)");
        }
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a configuration; every setting has a default. */
    public static final class Builder {
        private List<String> locations = List.of(DEFAULT_LOCATION);
        private ClassLoader classLoader = Migrations.class.getClassLoader();
        private String dialect = "postgresql";
        private String versionTable = DEFAULT_VERSION_TABLE;
        private String schema;
        private boolean transactionPerMigration = true;

        private Builder() {}

        /** Where revision scripts live; replaces the default. */
        public Builder locations(String... values) {
            return locations(Arrays.asList(values));
        }

        /** Where revision scripts live; replaces the default. */
        public Builder locations(List<String> values) {
            this.locations = new ArrayList<>(values);
            return this;
        }

        /** The class loader for {@code classpath:} locations. */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = value;
            return this;
        }

        /** The database offline scripts are rendered for: {@code postgresql} (default) or {@code h2}. */
        public Builder dialect(String value) {
            this.dialect = value;
            return this;
        }

        /** The version table's name (default {@code alembic_version}). */
        public Builder versionTable(String value) {
            this.versionTable = value;
            return this;
        }

        /** The version table's schema (default: the connection's). */
        public Builder schema(String value) {
            this.schema = value;
            return this;
        }

        /** Whether each revision commits on its own (default true) or the whole run is one transaction. */
        public Builder transactionPerMigration(boolean value) {
            this.transactionPerMigration = value;
            return this;
        }

        /** The configuration. */
        public MigrationsConfig build() {
            return new MigrationsConfig(locations, classLoader, dialect, versionTable, schema, transactionPerMigration);
        }

        /** Builds the configuration and loads the engine. */
        public Migrations load() {
            return Migrations.load(build());
        }
    }
}
