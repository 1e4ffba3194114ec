package dev.migrations.boot.actuate;

import dev.migrations.ChecksumMismatch;
import dev.migrations.HistoryEntry;
import dev.migrations.MigrationStatus;
import dev.migrations.Migrations;
import dev.migrations.RevisionInfo;
import dev.migrations.boot.MigrationsFleetState;
import dev.migrations.boot.MigrationsRunState;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.context.ApplicationContext;

/**
 * {@code GET /actuator/migrations}: per engine (keyed by its DataSource's bean name) the version
 * table, current and head revisions, the target, what is pending, the last run, and every revision
 * with its state. It reads the database when asked (unlike health and metrics, which use the state
 * the background refresher keeps). Read-only; connection settings never appear in it.
 */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {
    private final ApplicationContext context;
    private final String defaultTarget;

    /**
     * Creates the endpoint.
     *
     * @param context the context whose {@link Migrations} beans (and its parents') are described
     * @param defaultTarget the target for engines without a {@link MigrationsRunState}
     */
    public MigrationsEndpoint(ApplicationContext context, String defaultTarget) {
        this.context = Objects.requireNonNull(context, "context");
        this.defaultTarget = Objects.requireNonNull(defaultTarget, "defaultTarget");
    }

    /** Every engine of this context and its parents. */
    @ReadOperation
    public MigrationsDescriptor migrations() {
        Map<String, ContextMigrationsDescriptor> contexts = new LinkedHashMap<>();
        ApplicationContext target = context;
        while (target != null) {
            Map<String, EngineDescriptor> engines = new LinkedHashMap<>();
            target.getBeansOfType(Migrations.class, false, true).forEach((beanName, engine) -> {
                MigrationsRunState state = MigrationsRunState.of(engine);
                engines.put(state == null ? beanName : state.name(), describe(engine, state));
            });
            Map<String, TenantsDescriptor> tenants = new LinkedHashMap<>();
            target.getBeansOfType(MigrationsFleetState.class, false, true)
                    .values()
                    .forEach(fleet -> tenants.put(fleet.name(), TenantsDescriptor.of(fleet)));
            ApplicationContext parent = target.getParent();
            contexts.put(
                    String.valueOf(target.getId()),
                    new ContextMigrationsDescriptor(
                            engines, tenants.isEmpty() ? null : tenants, parent == null ? null : parent.getId()));
            target = parent;
        }
        return new MigrationsDescriptor(contexts);
    }

    private EngineDescriptor describe(Migrations engine, @Nullable MigrationsRunState state) {
        String versionTable = engine.config().versionTable();
        String schema = engine.config().schema();
        String target = state == null ? defaultTarget : state.target();
        LastRunDescriptor lastRun = state == null ? null : LastRunDescriptor.of(state.lastRun());
        try {
            return read(engine, versionTable, schema, target, lastRun);
        } catch (RuntimeException e) {
            // One unreadable database (or a target with several heads) must not hide the others.
            return new EngineDescriptor(
                    versionTable,
                    schema,
                    null,
                    null,
                    target,
                    null,
                    null,
                    null,
                    null,
                    null,
                    lastRun,
                    null,
                    String.valueOf(e.getMessage()));
        }
    }

    private static EngineDescriptor read(
            Migrations engine,
            String versionTable,
            @Nullable String schema,
            String target,
            @Nullable LastRunDescriptor lastRun) {
        // One look answers rows, heads and unknown rows alike.
        MigrationStatus status = engine.status(target);
        List<String> rows = status.current();
        List<String> unknown = status.unknownRevisions();
        List<HistoryEntry> history = engine.appliedHistory();
        List<RevisionInfo> revisions = engine.graph().revisions();
        if (!unknown.isEmpty()) {
            // Nothing can be planned from rows the graph lacks; the history table still says what ran.
            Set<String> applied = appliedFromHistory(history);
            return new EngineDescriptor(
                    versionTable,
                    schema,
                    rows,
                    status.heads(),
                    target,
                    List.of(),
                    null,
                    false,
                    unknown,
                    List.of(),
                    lastRun,
                    revisions(revisions, applied, Set.of(), history, List.of(), "unknown"),
                    null);
        }
        Set<String> applied = engine.graph().appliedRevisions(rows);
        return new EngineDescriptor(
                versionTable,
                schema,
                status.current(),
                status.heads(),
                target,
                status.targetRevisions(),
                status.pending(),
                status.upToDate(),
                List.of(),
                status.checksumMismatches().stream()
                        .map(ChecksumMismatch::revision)
                        .toList(),
                lastRun,
                revisions(
                        revisions,
                        applied,
                        new HashSet<>(status.pending()),
                        history,
                        status.checksumMismatches(),
                        RevisionDescriptor.OTHER_BRANCH),
                null);
    }

    private static List<RevisionDescriptor> revisions(
            List<RevisionInfo> revisions,
            Set<String> applied,
            Set<String> pending,
            List<HistoryEntry> history,
            List<ChecksumMismatch> mismatches,
            String otherwise) {
        Map<String, HistoryEntry> lastUpgrade = new HashMap<>();
        Set<String> recorded = new HashSet<>();
        for (HistoryEntry row : history) {
            String direction = row.direction();
            if ("upgrade".equals(direction)) {
                lastUpgrade.put(row.revision(), row);
            }
            if (("upgrade".equals(direction) || "checksum".equals(direction)) && row.checksum() != null) {
                recorded.add(row.revision());
            }
        }
        Set<String> changed = new HashSet<>();
        for (ChecksumMismatch mismatch : mismatches) {
            changed.add(mismatch.revision());
        }
        return revisions.stream()
                .map(rev -> {
                    boolean isApplied = applied.contains(rev.id());
                    String state = isApplied
                            ? RevisionDescriptor.APPLIED
                            : pending.contains(rev.id()) ? RevisionDescriptor.PENDING : otherwise;
                    HistoryEntry upgrade = isApplied ? lastUpgrade.get(rev.id()) : null;
                    String checksum = !isApplied
                            ? null
                            : changed.contains(rev.id()) ? "changed" : recorded.contains(rev.id()) ? "ok" : "unknown";
                    return new RevisionDescriptor(
                            rev.id(),
                            rev.message(),
                            rev.downRevisions(),
                            rev.dependencies(),
                            rev.branchLabels(),
                            state,
                            upgrade == null ? null : upgrade.appliedAt(),
                            upgrade == null ? null : upgrade.duration().toMillis(),
                            checksum);
                })
                .toList();
    }

    /** Revisions whose latest upgrade or downgrade in the history table was an upgrade. */
    private static Set<String> appliedFromHistory(List<HistoryEntry> history) {
        Map<String, String> last = new HashMap<>();
        for (HistoryEntry row : history) {
            String direction = row.direction();
            if ("upgrade".equals(direction) || "downgrade".equals(direction)) {
                last.put(row.revision(), direction);
            }
        }
        Set<String> applied = new HashSet<>();
        last.forEach((revision, direction) -> {
            if (direction.equals("upgrade")) {
                applied.add(revision);
            }
        });
        return applied;
    }

    /**
     * The endpoint's answer: Spring Boot's envelope, per context.
     *
     * @param contexts per application context id
     */
    public record MigrationsDescriptor(Map<String, ContextMigrationsDescriptor> contexts)
            implements OperationResponseBody {}

    /**
     * The engines of one application context.
     *
     * @param migrations per DataSource bean name
     * @param tenants the tenants ({@code migrations.tenants.*}) per DataSource bean name, or null without
     * @param parentId the parent context's id, or null
     */
    public record ContextMigrationsDescriptor(
            Map<String, EngineDescriptor> migrations,
            @Nullable Map<String, TenantsDescriptor> tenants,
            @Nullable String parentId) {}

    /**
     * One engine and its database. Fields the database could not be read for are null (and omitted).
     *
     * @param versionTable the version table
     * @param schema the version table's schema, or null for the connection's
     * @param current the version-table rows
     * @param heads the heads of the scripts
     * @param target the target as configured
     * @param targetRevisions what the target resolves to
     * @param pending revisions an upgrade to the target would run, in run order (null when the rows name
     *     unknown revisions: nothing can be planned)
     * @param upToDate whether the database is at the target (false when the rows name unknown revisions)
     * @param unknownRevisions version-table rows the scripts do not have
     * @param changedChecksums applied revisions whose scripts changed since
     * @param lastRun the last run this application made, or null
     * @param revisions every revision, in load order
     * @param error why the database could not be read, or null
     */
    public record EngineDescriptor(
            String versionTable,
            @Nullable String schema,
            @Nullable List<String> current,
            @Nullable List<String> heads,
            String target,
            @Nullable List<String> targetRevisions,
            @Nullable List<String> pending,
            @Nullable Boolean upToDate,
            @Nullable List<String> unknownRevisions,
            @Nullable List<String> changedChecksums,
            @Nullable LastRunDescriptor lastRun,
            @Nullable List<RevisionDescriptor> revisions,
            @Nullable String error) {}

    /**
     * The last run.
     *
     * @param finishedAt when it ended
     * @param durationMs how long it took, lock wait included
     * @param outcome {@code success} or {@code failure}
     * @param command {@code upgrade}, {@code downgrade} or {@code stamp}
     * @param target the target as given
     * @param applied the revisions whose scripts ran, in order
     * @param error what went wrong, or null
     */
    public record LastRunDescriptor(
            Instant finishedAt,
            long durationMs,
            String outcome,
            String command,
            String target,
            List<String> applied,
            @Nullable String error) {

        static @Nullable LastRunDescriptor of(MigrationsRunState.@Nullable LastRun run) {
            return run == null
                    ? null
                    : new LastRunDescriptor(
                            run.finishedAt(),
                            run.duration().toMillis(),
                            run.outcome().tag(),
                            run.command(),
                            run.target(),
                            run.applied(),
                            run.error());
        }
    }

    /**
     * One revision.
     *
     * @param id the revision id
     * @param message its message
     * @param downRevisions the revisions it revises
     * @param dependsOn its {@code Depends On} entries
     * @param branchLabels its branch labels
     * @param state {@code applied}, {@code pending} (an upgrade to the target runs it), {@code
     *     other-branch} (neither), or {@code unknown} when the database names revisions the scripts lack
     *     and it is not applied according to the history table
     * @param appliedAt when it was last upgraded to, from the history table (null when not applied or
     *     applied before the history table existed)
     * @param durationMs how long that took
     * @param checksum for applied revisions: {@code ok}, {@code changed} (the script was edited since),
     *     or {@code unknown} (applied by Alembic or stamped: no recorded checksum)
     */
    public record RevisionDescriptor(
            String id,
            String message,
            List<String> downRevisions,
            List<String> dependsOn,
            List<String> branchLabels,
            String state,
            @Nullable Instant appliedAt,
            @Nullable Long durationMs,
            @Nullable String checksum) {
        static final String APPLIED = "applied";
        static final String PENDING = "pending";
        static final String OTHER_BRANCH = "other-branch";
    }
}
