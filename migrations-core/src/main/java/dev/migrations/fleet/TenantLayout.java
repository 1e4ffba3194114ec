package dev.migrations.fleet;

import dev.migrations.MigrationsException;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Where each tenant's tables live: a schema per tenant in one database, or a database per tenant. */
public sealed interface TenantLayout {

    /** The placeholder a template replaces with the tenant's name. */
    String TENANT = "{tenant}";

    /**
     * A schema per tenant in one database: each tenant's connections put its schema first on the
     * {@code search_path} (H2: its default schema), so unqualified names in the scripts land there, and
     * the version table lives in it. The schema is created when a run needs it.
     *
     * @param dataSource the database that holds every tenant's schema
     * @param schemaTemplate the schema's name, {@value #TENANT} standing for the tenant's (e.g. {@code
     *     tenant_{tenant}})
     */
    record SchemaPerTenant(DataSource dataSource, String schemaTemplate) implements TenantLayout {
        /** Validates. */
        public SchemaPerTenant {
            Objects.requireNonNull(dataSource, "dataSource");
            requireTemplate("schema template", schemaTemplate);
        }

        /** The schema of this tenant. */
        public String schema(String tenant) {
            return schemaTemplate.replace(TENANT, tenant);
        }
    }

    /**
     * A database per tenant, reached by a JDBC URL; the version table lives in the connection's
     * default schema.
     *
     * @param urlTemplate the JDBC URL, {@value #TENANT} standing for the tenant's name (e.g. {@code
     *     jdbc:postgresql://db:5432/{tenant}})
     * @param user the user for every tenant's database, or null for the URL's or the driver's default
     * @param password the password, or null
     */
    record DatabasePerTenant(
            String urlTemplate,
            @Nullable String user,
            @Nullable String password) implements TenantLayout {
        /** Validates. */
        public DatabasePerTenant {
            requireTemplate("URL template", urlTemplate);
        }

        /** The JDBC URL of this tenant's database. */
        public String url(String tenant) {
            return urlTemplate.replace(TENANT, tenant);
        }

        @Override
        public String toString() {
            return "DatabasePerTenant[urlTemplate=" + urlTemplate + ", user=" + user + ", password="
                    + (password == null ? null : "***") + "]";
        }
    }

    /** Each tenant in its own schema, named after the tenant. */
    static TenantLayout schemaPerTenant(DataSource dataSource) {
        return new SchemaPerTenant(dataSource, TENANT);
    }

    private static void requireTemplate(String what, String template) {
        if (!template.contains(TENANT)) {
            throw new MigrationsException("The tenant " + what + " '" + template + "' does not contain " + TENANT
                    + "; put " + TENANT + " where each tenant's name goes");
        }
    }
}
