package dev.migrations.boot;

import dev.migrations.MigrationsException;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.TenantLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * {@code migrations.tenants.*}: one set of scripts applied to many tenants, a schema each in the
 * migrated DataSource or a database each. Tenants are on when {@code list} or {@code query} is set, or
 * the application has a {@link dev.migrations.fleet.TenantSource} bean (which then names them);
 * the start-up settings ({@code migrations.mode}, {@code target}, ...) apply to every tenant.
 */
@ConfigurationProperties("migrations.tenants")
public class MigrationsTenantsProperties implements Validator {

    /** The tenants' names, in the order to migrate them. */
    private List<String> list = new ArrayList<>();

    /**
     * A query on the migrated DataSource whose first column names the tenants, e.g. {@code SELECT name
     * FROM tenants WHERE active}; run after the DataSource's own migration.
     */
    private @Nullable String query;

    /**
     * Where the tenants' scripts live. Empty (the default): the scripts of {@code migrations.locations}
     * go to every tenant and the DataSource's own schema is not migrated. Set: the tenants get these,
     * and {@code migrations.locations} migrates the DataSource itself (a shared schema).
     */
    private List<String> locations = new ArrayList<>();

    /** The schema of each tenant in the migrated DataSource; {tenant} stands for its name. */
    private String schema = "{tenant}";

    /** A database per tenant instead of a schema: its JDBC URL, {tenant} standing for its name. */
    private @Nullable String url;

    /** The user for the tenants' databases ({@code url}); default: the URL's or the driver's. */
    private @Nullable String user;

    /** The password for the tenants' databases. */
    private @Nullable String password;

    /** How many tenants migrate at once (each holds one connection meanwhile). */
    private int parallelism = 2;

    /** Stop at the first failed tenant (and fail the start-up) instead of going on with the others. */
    private boolean failFast = false;

    /** This instance's share of the tenants, {@code I/N} (e.g. 0/4), or unset for all of them. */
    private @Nullable String shard;

    /**
     * How often a background status pass re-reads every tenant for the endpoint, health and meters;
     * unset (the default): they show the start-up run until the next start.
     */
    private @Nullable Duration refreshInterval;

    @Override
    public boolean supports(Class<?> type) {
        return MigrationsTenantsProperties.class.isAssignableFrom(type);
    }

    /** Rejects each invalid setting, naming it, before anything connects. */
    @Override
    public void validate(Object target, Errors errors) {
        MigrationsTenantsProperties p = (MigrationsTenantsProperties) target;
        if (!p.getList().isEmpty() && p.getQuery() != null && !p.getQuery().isBlank()) {
            errors.rejectValue("query", "invalid", "give the tenants as a list or as a query, not both");
        }
        if (p.getParallelism() < 1) {
            errors.rejectValue("parallelism", "invalid", "must be at least 1 (was " + p.getParallelism() + ")");
        }
        check(errors, "shard", () -> {
            if (p.getShard() != null) {
                FleetOptions.Shard.parse(p.getShard());
            }
        });
        if (p.getRefreshInterval() != null
                && (p.getRefreshInterval().isNegative()
                        || p.getRefreshInterval().isZero())) {
            errors.rejectValue("refreshInterval", "invalid", "must be positive (was " + p.getRefreshInterval() + ")");
        }
        if (p.getSchema() == null || !p.getSchema().contains(TenantLayout.TENANT)) {
            errors.rejectValue(
                    "schema",
                    "invalid",
                    "put " + TenantLayout.TENANT + " where each tenant's name goes, e.g. tenant_" + TenantLayout.TENANT
                            + " (was " + p.getSchema() + ")");
        }
        if (p.getUrl() != null
                && (!p.getUrl().startsWith("jdbc:") || !p.getUrl().contains(TenantLayout.TENANT))) {
            errors.rejectValue(
                    "url",
                    "invalid",
                    "give a JDBC URL with " + TenantLayout.TENANT + " where each tenant's"
                            + " database name goes, e.g. jdbc:postgresql://db:5432/" + TenantLayout.TENANT);
        }
    }

    private static void check(Errors errors, String field, Runnable check) {
        try {
            check.run();
        } catch (MigrationsException e) {
            errors.rejectValue(field, "invalid", e.getMessage());
        }
    }

    /** The settings as the environment gives them, for conditions (before the beans exist). */
    static MigrationsTenantsProperties bind(Environment environment) {
        return Binder.get(environment)
                .bind("migrations.tenants", MigrationsTenantsProperties.class)
                .orElseGet(MigrationsTenantsProperties::new);
    }

    /** Whether tenants are configured: a list or a query. */
    public boolean isConfigured() {
        return !list.isEmpty() || (query != null && !query.isBlank());
    }

    public List<String> getList() {
        return list;
    }

    public void setList(List<String> list) {
        this.list = list;
    }

    public @Nullable String getQuery() {
        return query;
    }

    public void setQuery(@Nullable String query) {
        this.query = query;
    }

    public List<String> getLocations() {
        return locations;
    }

    public void setLocations(List<String> locations) {
        this.locations = locations;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema;
    }

    public @Nullable String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public @Nullable String getUser() {
        return user;
    }

    public void setUser(@Nullable String user) {
        this.user = user;
    }

    public @Nullable String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public boolean isFailFast() {
        return failFast;
    }

    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    public @Nullable Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(@Nullable Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public @Nullable String getShard() {
        return shard;
    }

    public void setShard(@Nullable String shard) {
        this.shard = shard;
    }
}
