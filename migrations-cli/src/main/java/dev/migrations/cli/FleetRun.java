package dev.migrations.cli;

import dev.migrations.MigrationsException;
import dev.migrations.fleet.Fleet;
import dev.migrations.fleet.FleetResult;
import dev.migrations.fleet.TenantLayout;
import dev.migrations.fleet.TenantOutcome;
import dev.migrations.fleet.TenantOutcome.State;
import dev.migrations.fleet.TenantSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import picocli.CommandLine;

/**
 * One verb over a fleet of tenants from the command line: the {@link Fleet} the {@link
 * TenantSettings} describe, its progress while it runs ({@link FleetProgress}), then the outcome as
 * text or JSON and the exit code: 0 when every tenant ended well, {@link StatusCommand#EXIT_PENDING}
 * when some are left pending ({@code status}, {@code start --mode none}), {@link
 * MigrationsCommand#EXIT_FAILED} when any failed, as a single run that fails exits.
 */
final class FleetRun {
    /** Failed tenants the closing {@code FAILED:} line names at most; the rest are counted. */
    private static final int NAMED = 10;

    private final MigrationsCommand parent;
    private final CommandLine commandLine;
    private final TenantSettings settings;

    FleetRun(MigrationsCommand parent, CommandLine commandLine, TenantSettings settings) {
        this.parent = parent;
        this.commandLine = commandLine;
        this.settings = settings;
    }

    /**
     * Runs the verb and prints its outcome.
     *
     * @param verb the verb over the fleet
     * @param listing each tenant's line at the end ({@code current}, {@code status}); null for the verbs
     *     that change tenants, which print failed and pending tenants as they finish instead
     * @return the exit code
     */
    int run(Function<Fleet, FleetResult> verb, Function<TenantOutcome, String> listing) {
        quietEngineLogs();
        String command = commandLine.getCommandName();
        TenantLayout layout = layout(command);
        TenantSource source = source(command);
        boolean json = parent.format() == MigrationsCommand.Format.JSON;
        PrintWriter out = commandLine.getOut();
        FleetResult result;
        try (FleetProgress progress = new FleetProgress(
                out, commandLine.getErr(), parent.terminal(), !json && listing == null, System::nanoTime)) {
            result = verb.apply(Fleet.of(
                    parent.migrations(), layout, source, settings.options().listener(progress)));
        }
        if (json) {
            print(Json.fleet(command, settings.shard(), result));
        } else {
            if (listing != null) {
                for (TenantOutcome outcome : result.tenants()) {
                    print(
                            switch (outcome.state()) {
                                case FAILED -> FleetProgress.failed(outcome);
                                case SKIPPED -> outcome.tenant() + ": skipped";
                                default -> listing.apply(outcome);
                            });
                }
            }
            print((settings.shard() == null ? "" : "Shard " + settings.shard() + ": ") + result.summary());
            if (!result.failed().isEmpty()) {
                print("FAILED: " + failures(result));
            }
        }
        if (!result.failed().isEmpty()) {
            return MigrationsCommand.EXIT_FAILED;
        }
        return result.count(State.PENDING) > 0 ? StatusCommand.EXIT_PENDING : 0;
    }

    /** Where the tenants' tables live: a database each ({@code --tenant-url}), else a schema each in {@code --url}'s. */
    private TenantLayout layout(String command) {
        if (settings.urlTemplate() != null) {
            return new TenantLayout.DatabasePerTenant(settings.urlTemplate(), settings.user(), settings.password());
        }
        return new TenantLayout.SchemaPerTenant(
                database(
                        command,
                        ", the database that holds the tenants' schemas (or --tenant-url TEMPLATE for a"
                                + " database per tenant)"),
                settings.schemaTemplate());
    }

    private TenantSource source(String command) {
        if (settings.list() != null) {
            return TenantSource.of(settings.list());
        }
        return TenantSource.query(
                database(command, ", the control database the tenant query runs on (or --tenants a,b,c)"),
                settings.query());
    }

    /** The {@code --url} database; refused clearly when none is configured. */
    private DataSource database(String command, String what) {
        return parent.online(command, what).config().dataSource();
    }

    /** The closing line of a run with failures: how many, which, and what to do. */
    private static String failures(FleetResult result) {
        List<TenantOutcome> failed = result.failed();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < Math.min(NAMED, failed.size()); i++) {
            names.append(i == 0 ? "" : ", ").append(failed.get(i).tenant());
        }
        if (failed.size() > NAMED) {
            names.append(" and ").append(failed.size() - NAMED).append(" more");
        }
        int skipped = result.count(State.SKIPPED);
        return failed.size() + " of " + result.tenants().size() + " tenant(s) failed: " + names
                + (skipped > 0 ? "; " + skipped + " skipped" : "; the others went on")
                + ". Fix what their errors say and run again: tenants at the target only cost a read.";
    }

    private void print(String line) {
        PrintWriter out = commandLine.getOut();
        out.print(line + "\n");
        out.flush();
    }

    /**
     * Each tenant's engine logs its steps as a single run does, naming no tenant: over a fleet those
     * lines would interleave from parallel tenants and break the progress line. Loggers take their level when made,
     * which in the CLI's process is after this; a level the user set ({@code -D}) is kept.
     */
    private static void quietEngineLogs() {
        setIfAbsent("org.slf4j.simpleLogger.log.dev.migrations", "warn");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Refuses {@code --sql} with tenant options: an offline script is one database's. */
    static void refuseSql(TenantOptions tenants) {
        if (tenants.given()) {
            throw new MigrationsException("--sql prints one script for one database and runs nothing, so it takes"
                    + " no tenant options (--tenants, --tenants-query, --tenant-schema, --tenant-url, --parallel,"
                    + " --fail-fast, --shard); leave them out: the script is the same for every tenant");
        }
    }
}
