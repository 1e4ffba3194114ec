package dev.migrations.cli;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that turn {@code upgrade}, {@code downgrade}, {@code stamp}, {@code current}, {@code
 * status} and {@code start} into a run over a fleet of tenants: a picocli mixin, so the verbs share
 * one declaration. Each falls back to its {@code migrations.tenants.*} property of {@code --config}
 * ({@link TenantSettings}), the names the Spring Boot starter reads too.
 */
final class TenantOptions {
    @Option(
            names = "--tenants",
            split = ",",
            paramLabel = "TENANT",
            description = "Run over these tenants (comma-separated, repeatable) instead of one database; else"
                    + " migrations.tenants.list.")
    List<String> tenants;

    @Option(
            names = "--tenants-query",
            paramLabel = "SQL",
            description = "Run over the tenants this query names (first column), run on the --url database;"
                    + " else migrations.tenants.query.")
    String query;

    @Option(
            names = "--tenant-schema",
            paramLabel = "TEMPLATE",
            description = "Each tenant's schema in the --url database, {tenant} standing for its name (default:"
                    + " migrations.tenants.schema, else {tenant}).")
    String schema;

    @Option(
            names = "--tenant-url",
            paramLabel = "TEMPLATE",
            description = "A database per tenant instead: its JDBC URL, {tenant} standing for the name, e.g."
                    + " jdbc:postgresql://db:5432/{tenant} (else migrations.tenants.url); --user and --password"
                    + " apply (else migrations.tenants.user/password).")
    String url;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            description = "How many tenants run at once (default: migrations.tenants.parallelism, else 1).")
    Integer parallel;

    @Option(
            names = "--fail-fast",
            description = "After a tenant fails, skip the tenants not yet begun (default: the others go on; else"
                    + " migrations.tenants.fail-fast).")
    Boolean failFast;

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description = "Take shard I of N (from 0) of the tenants: N runners with 0/N..N-1/N take each tenant"
                    + " exactly once (else migrations.tenants.shard).")
    String shard;

    /** Whether any of these options was given on the command line. */
    boolean given() {
        return tenants != null
                || query != null
                || schema != null
                || url != null
                || parallel != null
                || failFast != null
                || shard != null;
    }
}
