package dev.migrations.fleet;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.StartMode;
import dev.migrations.StartOptions;
import dev.migrations.StartResult;
import dev.migrations.adopt.Adoption;
import dev.migrations.adopt.AdoptionRefusedException;
import dev.migrations.adopt.AdoptionReport;
import dev.migrations.adopt.SourceTool;
import dev.migrations.internal.fleet.FleetRunner;
import dev.migrations.internal.fleet.TenantEngines;
import dev.migrations.internal.fleet.TenantEngines.Access;
import dev.migrations.internal.fleet.TenantWork;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The engine's verbs over a fleet of tenants: each tenant gets its own engine over its schema or
 * database, sharing the scripts (read and parsed once), under its own migration lock (two runners
 * never migrate the same tenant at once; other tenants are not blocked). A tenant's failure is its
 * outcome: the others go on unless the options say stop. A rerun resumes: tenants already at the
 * target cost one read each.
 *
 * <pre>{@code
 * Fleet fleet = Fleet.of(migrations, TenantLayout.schemaPerTenant(dataSource),
 *         TenantSource.query(control, "SELECT name FROM tenants"), FleetOptions.defaults().parallelism(4));
 * FleetResult result = fleet.upgrade("head");
 * result.failed(); // each failed tenant with its error
 * }</pre>
 */
public final class Fleet {
    private final Migrations engine;
    private final TenantEngines engines;
    private final TenantSource source;
    private final FleetOptions options;

    private Fleet(Migrations engine, TenantLayout layout, TenantSource source, FleetOptions options) {
        this.engine = engine;
        this.engines = new TenantEngines(engine, layout);
        this.source = source;
        this.options = options;
    }

    /**
     * A fleet.
     *
     * @param engine the scripts and settings every tenant shares; its own DataSource is not used
     * @param layout where each tenant's tables live
     * @param tenants where the tenants' names come from (asked once per verb)
     * @param options parallelism, failure policy, shard and listener
     */
    public static Fleet of(Migrations engine, TenantLayout layout, TenantSource tenants, FleetOptions options) {
        return new Fleet(
                Objects.requireNonNull(engine, "engine"),
                Objects.requireNonNull(layout, "layout"),
                Objects.requireNonNull(tenants, "tenants"),
                Objects.requireNonNull(options, "options"));
    }

    /**
     * The tenants a verb runs on: the source's, each once, in its order, those of this runner's shard.
     *
     * @throws MigrationsException when the source fails or names no tenant at all
     */
    public List<String> tenants() {
        List<String> named = source.tenants();
        if (named == null || named.isEmpty()) {
            throw new MigrationsException("The tenant source named no tenants; check the tenant list or query (an"
                    + " empty fleet is more likely a wrong query or control database than nothing to do)");
        }
        List<String> result = new ArrayList<>();
        for (String tenant : new LinkedHashSet<>(named)) {
            if (tenant == null) {
                throw new MigrationsException("The tenant source named a null tenant; every tenant needs a name");
            }
            if (options.shard() == null || options.shard().includes(tenant)) {
                result.add(tenant);
            }
        }
        return result;
    }

    /** {@link Migrations#upgrade} on every tenant. */
    public FleetResult upgrade(String target) {
        return run(Access.WRITE, tenant -> TenantWork.Ended.of(tenant.upgrade(target)));
    }

    /** {@link Migrations#downgrade} on every tenant. */
    public FleetResult downgrade(String target) {
        return run(Access.WRITE, tenant -> TenantWork.Ended.of(tenant.downgrade(target)));
    }

    /** {@link Migrations#stamp} on every tenant. */
    public FleetResult stamp(List<String> revisions) {
        return run(Access.WRITE, tenant -> TenantWork.Ended.of(tenant.stamp(revisions)));
    }

    /**
     * {@link Migrations#status} on every tenant: at the target, or pending with the revisions left (a
     * tenant whose schema does not exist yet is pending every revision); writes nothing.
     */
    public FleetResult status(String target) {
        return run(Access.READ, tenant -> {
            var status = tenant.status(target);
            return new TenantWork.Ended(
                    status.upToDate() ? TenantOutcome.State.AT_TARGET : TenantOutcome.State.PENDING,
                    status.current(),
                    status.pending(),
                    0);
        });
    }

    /**
     * {@link Migrations#start} on every tenant, as an application start does for one database: with
     * mode {@code wait}, each tenant is waited for until another runner (a Kubernetes Job, say) has
     * brought it to the target.
     */
    public FleetResult start(StartOptions start) {
        return start(start, TenantPreparation.NONE);
    }

    /**
     * {@link #start(StartOptions)}, with each tenant prepared first (an application start adopts, or
     * refuses, a tenant that another tool migrated): a tenant whose preparation fails is not started.
     */
    public FleetResult start(StartOptions start, TenantPreparation before) {
        Access access = start.mode() == StartMode.UPGRADE ? Access.WRITE : Access.READ;
        return run(access, tenant -> {
            before.prepare(tenant);
            StartResult result = tenant.start(start);
            TenantOutcome.State state =
                    switch (result.outcome()) {
                        case AT_TARGET -> TenantOutcome.State.AT_TARGET;
                        case MIGRATED -> TenantOutcome.State.MIGRATED;
                        case PENDING -> TenantOutcome.State.PENDING;
                        case SKIPPED -> TenantOutcome.State.SKIPPED;
                    };
            return new TenantWork.Ended(
                    state,
                    result.current(),
                    result.pending(),
                    result.run() == null ? 0 : result.run().scriptsRun());
        });
    }

    /**
     * {@link Adoption#adopt} on every tenant: each tenant's history table (a bare name is looked for in the
     * tenant's schema) is checked against the imported revisions and its version table stamped. A tenant that
     * fails its check fails with the problems listed and nothing written to it; a tenant with version-table
     * rows already (adopted before, or by another runner meanwhile) is at the target. A missing tenant schema is not created.
     *
     * @param historyTable the tool's history table, or null for its default
     */
    public FleetResult adopt(SourceTool tool, @Nullable String historyTable) {
        return run(Access.READ, tenant -> {
            // A rerun after fixing one tenant passes over those adopted before, as an upgrade rerun does.
            List<String> rows = tenant.currentRows();
            if (!rows.isEmpty()) {
                return new TenantWork.Ended(TenantOutcome.State.AT_TARGET, rows, List.of(), 0);
            }
            AdoptionReport report = Adoption.adopt(tenant, tool, historyTable);
            return new TenantWork.Ended(
                    report.stamped() ? TenantOutcome.State.MIGRATED : TenantOutcome.State.AT_TARGET,
                    tenant.currentRows(),
                    List.of(),
                    0);
        });
    }

    /**
     * {@link Adoption#check} on every tenant, writing nothing: an adoptable tenant is pending the revision
     * adopting would stamp; one that is not fails with its problems listed.
     *
     * @param historyTable the tool's history table, or null for its default
     */
    public FleetResult checkAdoption(SourceTool tool, @Nullable String historyTable) {
        return run(Access.READ, tenant -> {
            AdoptionReport report = Adoption.check(tenant, tool, historyTable);
            if (!report.adoptable()) {
                throw new AdoptionRefusedException(report);
            }
            return new TenantWork.Ended(
                    TenantOutcome.State.PENDING,
                    tenant.currentRows(),
                    List.of(report.revision() == null ? "base" : report.revision()),
                    0);
        });
    }

    /** The engine every tenant's is made from. */
    public Migrations engine() {
        return engine;
    }

    private FleetResult run(Access access, TenantWork work) {
        return new FleetRunner(options).run(tenants(), engines, access, work);
    }
}
