package dev.migrations.cli;

import dev.migrations.MigrationsException;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.TenantLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fleet run's settings with every source applied, strongest first: the {@link TenantOptions}, then
 * each {@code migrations.tenants.*} property's environment variable ({@code MIGRATIONS_TENANTS_LIST},
 * ...; for the tenant databases' credentials, {@code MIGRATIONS_USER}/{@code MIGRATIONS_PASSWORD}
 * after the fleet's own), then the properties of {@code --config} (the names the Spring Boot starter
 * reads), then the defaults. The password is never part of {@link #toString()}.
 *
 * @param list the tenants named, or null when they come from the query
 * @param query the query on the control database ({@code --url}) naming the tenants, or null
 * @param schemaTemplate each tenant's schema in the {@code --url} database, or null for a database per tenant
 * @param urlTemplate each tenant's database, or null for a schema per tenant
 * @param user the tenant databases' user, or null
 * @param password the tenant databases' password, or null
 * @param parallelism how many tenants run at once
 * @param onFailure whether the others go on after a failure
 * @param shard this runner's share of the tenants, or null for all of them
 */
record TenantSettings(
        List<String> list,
        String query,
        String schemaTemplate,
        String urlTemplate,
        String user,
        String password,
        int parallelism,
        FleetOptions.OnFailure onFailure,
        FleetOptions.Shard shard) {

    /** The prefix of the fleet's properties in {@code --config}. */
    static final String PREFIX = "migrations.tenants.";

    /**
     * The settings the options and {@code --config} give, or null when neither names tenants: then the
     * verb runs on one database, and any other tenant option given is refused.
     */
    static TenantSettings resolve(TenantOptions given, MigrationsCommand parent) {
        // Either option overrides both properties: the command line names the tenants one way or the other.
        boolean named = given.tenants != null || given.query != null;
        Optional<String> configList = named ? Optional.empty() : value(parent, "list");
        Optional<String> configQuery = named ? Optional.empty() : value(parent, "query");
        boolean bothGiven = given.tenants != null && given.query != null;
        boolean bothConfigured = configList.isPresent() && configQuery.isPresent();
        if (bothGiven || bothConfigured) {
            throw new MigrationsException("Give either the tenants (--tenants, migrations.tenants.list) or a query"
                    + " naming them (--tenants-query, migrations.tenants.query), not both");
        }
        List<String> list = given.tenants != null
                ? names(given.tenants)
                : configList.map(value -> names(List.of(value))).orElse(null);
        String query = given.query != null ? given.query : configQuery.orElse(null);
        if (list == null && query == null) {
            if (given.given()) {
                throw new MigrationsException("The tenant options need the tenants: give --tenants a,b,c or"
                        + " --tenants-query SQL (or migrations.tenants.list or migrations.tenants.query in --config)");
            }
            return null;
        }
        String schema = given.schema != null || given.url != null
                ? given.schema
                : value(parent, "schema").orElse(null);
        String url = given.url != null || given.schema != null
                ? given.url
                : value(parent, "url").orElse(null);
        if (schema != null && url != null) {
            throw new MigrationsException("Give either --tenant-schema (a schema per tenant in the --url database) or"
                    + " --tenant-url (a database per tenant), not both (migrations.tenants.schema and"
                    + " migrations.tenants.url likewise)");
        }
        Found parallelism = given.parallel != null
                ? new Found(given.parallel.toString(), "--parallel")
                : setting(parent, "parallelism").orElse(new Found("1", PREFIX + "parallelism"));
        boolean failFast = given.failFast != null
                ? given.failFast
                : setting(parent, "fail-fast")
                        .map(found -> Settings.parseBoolean(found.value(), found.where()))
                        .orElse(false);
        String shard =
                given.shard != null ? given.shard : value(parent, "shard").orElse(null);
        return new TenantSettings(
                list,
                query,
                url == null ? (schema == null ? TenantLayout.TENANT : schema) : null,
                url,
                credential(
                        parent,
                        parent.user,
                        "MIGRATIONS_USER",
                        "user",
                        parent.settings().user()),
                credential(
                        parent,
                        parent.password,
                        "MIGRATIONS_PASSWORD",
                        "password",
                        parent.settings().password()),
                number(parallelism.value(), parallelism.where()),
                failFast ? FleetOptions.OnFailure.STOP : FleetOptions.OnFailure.CONTINUE,
                shard == null || shard.isBlank() ? null : FleetOptions.Shard.parse(shard));
    }

    /** The fleet options of these settings (no listener yet). */
    FleetOptions options() {
        return FleetOptions.defaults()
                .parallelism(parallelism)
                .onFailure(onFailure)
                .shard(shard);
    }

    /** A fleet property's value and where it came from, as a message names it. */
    private record Found(String value, String where) {}

    /**
     * A {@code migrations.tenants.*} property: its environment variable ({@code
     * MIGRATIONS_TENANTS_PARALLELISM}), else {@code --config}'s value; a container sets a fleet with
     * variables alone, as it sets everything else.
     */
    private static Optional<Found> setting(MigrationsCommand parent, String key) {
        String variable = Settings.variable(PREFIX + key);
        String fromEnv = parent.env().get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new Found(fromEnv, variable));
        }
        return parent.configValue(PREFIX + key).map(value -> new Found(value, PREFIX + key));
    }

    private static Optional<String> value(MigrationsCommand parent, String key) {
        return setting(parent, key).map(Found::value);
    }

    /**
     * The tenant databases' user or password: the option, else the fleet's own variable ({@code
     * MIGRATIONS_TENANTS_USER}), else the connection's ({@code MIGRATIONS_USER}), else the fleet's
     * property in {@code --config}, else the control database's (which may come from {@code
     * spring.datasource.*}).
     */
    private static String credential(
            MigrationsCommand parent, String option, String variable, String key, String fallback) {
        if (option != null) {
            return option;
        }
        String own = parent.env().get(Settings.variable(PREFIX + key));
        if (own != null && !own.isEmpty()) {
            return own;
        }
        String fromEnv = parent.env().get(variable);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        return parent.configValue(PREFIX + key).orElse(fallback);
    }

    /** The names, items split at commas and trimmed, blank ones dropped (a YAML list arrives comma-joined). */
    private static List<String> names(List<String> values) {
        List<String> names = new ArrayList<>();
        for (String value : values) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    private static int number(String value, String where) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new MigrationsException("'" + where + "' must be a whole number, not '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "TenantSettings[list=" + list + ", query=" + query + ", schemaTemplate=" + schemaTemplate
                + ", urlTemplate=" + urlTemplate + ", user=" + user + ", password="
                + (password == null ? null : "***") + ", parallelism=" + parallelism + ", onFailure=" + onFailure
                + ", shard=" + shard + "]";
    }
}
