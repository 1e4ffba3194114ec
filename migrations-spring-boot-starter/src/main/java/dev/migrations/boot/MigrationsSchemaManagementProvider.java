package dev.migrations.boot;

import dev.migrations.Migrations;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;

/**
 * Tells Hibernate's auto-configuration that a DataSource some engine migrates has its schema
 * managed, so it does not default {@code ddl-auto} to {@code create-drop} on an embedded database.
 */
class MigrationsSchemaManagementProvider implements SchemaManagementProvider {
    private final ObjectProvider<Migrations> engines;

    MigrationsSchemaManagementProvider(ObjectProvider<Migrations> engines) {
        this.engines = engines;
    }

    @Override
    public SchemaManagement getSchemaManagement(DataSource dataSource) {
        return engines.stream()
                        .anyMatch(engine -> dataSource.equals(engine.config().dataSource()))
                ? SchemaManagement.MANAGED
                : SchemaManagement.UNMANAGED;
    }
}
