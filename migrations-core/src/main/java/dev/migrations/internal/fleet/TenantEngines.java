package dev.migrations.internal.fleet;

import dev.migrations.DriverManagerDataSource;
import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.fleet.TenantLayout;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Each tenant's engine: the fleet's, over the tenant's schema or database, sharing the parsed scripts. */
public final class TenantEngines {
    private static final Logger LOG = LoggerFactory.getLogger(TenantEngines.class);
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final Migrations engine;
    private final TenantLayout layout;

    /** Engines of this layout, made from {@code engine}. */
    public TenantEngines(Migrations engine, TenantLayout layout) {
        this.engine = engine;
        this.layout = layout;
    }

    /**
     * How many tenants may run at once, at most {@code wanted}: one when the tenants are schemas of one
     * H2 database, whose catalog lock makes two tenants' DDL deadlock (each holds a table and waits for
     * the catalog) instead of overlapping as on PostgreSQL. Asks the database its name once.
     */
    public int parallelism(int wanted) {
        if (wanted == 1 || !(layout instanceof TenantLayout.SchemaPerTenant perSchema)) {
            return wanted;
        }
        try (Connection connection = perSchema.dataSource().getConnection()) {
            if (connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2")) {
                LOG.debug("Tenants in one H2 database run one at a time (asked for {})", wanted);
                return 1;
            }
        } catch (SQLException e) {
            // Unreachable now: each tenant will fail with the connection error, at whatever parallelism.
            LOG.debug("Could not ask the tenants' database its name: {}", e.getMessage());
        }
        return wanted;
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
