package dev.migrations.internal.fleet;

import dev.migrations.DriverManagerDataSource;
import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.fleet.TenantLayout;
import java.util.regex.Pattern;

/** Each tenant's engine: the fleet's, over the tenant's schema or database, sharing the parsed scripts. */
public final class TenantEngines {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final Migrations engine;
    private final TenantLayout layout;

    /** Engines of this layout, made from {@code engine}. */
    public TenantEngines(Migrations engine, TenantLayout layout) {
        this.engine = engine;
        this.layout = layout;
    }

    /** What a verb does to a tenant's database. */
    public enum Access {
        /** Reads only: a missing tenant schema is left missing (and reads as empty). */
        READ,
        /** Writes: a missing tenant schema is created. */
        WRITE
    }

    /**
     * The tenant's engine.
     *
     * @throws MigrationsException when the tenant's name (or its schema's) is not a plain identifier
     */
    public Migrations of(String tenant, Access access) {
        requirePlain("Tenant '" + tenant + "'", tenant);
        if (layout instanceof TenantLayout.SchemaPerTenant perSchema) {
            String schema = perSchema.schema(tenant);
            requirePlain("The schema '" + schema + "' of tenant '" + tenant + "'", schema);
            TenantSchemaDataSource.Missing missing = access == Access.WRITE
                    ? TenantSchemaDataSource.Missing.CREATE
                    : TenantSchemaDataSource.Missing.LEAVE;
            return engine.on(new TenantSchemaDataSource(perSchema.dataSource(), schema, missing), schema);
        }
        TenantLayout.DatabasePerTenant perDatabase = (TenantLayout.DatabasePerTenant) layout;
        return engine.on(
                new DriverManagerDataSource(perDatabase.url(tenant), perDatabase.user(), perDatabase.password()),
                engine.config().schema());
    }

    private static void requirePlain(String what, String name) {
        if (!PLAIN.matcher(name).matches()) {
            throw new MigrationsException(what + " is not a plain identifier: tenant names become schema or"
                    + " database names and are never put into SQL as given. Use letters, digits and '_' (not first"
                    + " a digit, at most 63 characters), or leave the tenant out of the list.");
        }
    }
}
