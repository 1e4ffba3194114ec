package dev.migrations;

import dev.migrations.dialect.Dialect;
import dev.migrations.graph.Revision;
import dev.migrations.graph.RevisionMap;
import dev.migrations.offline.SqlScriptSink;
import dev.migrations.runtime.OnlineRunner;
import dev.migrations.runtime.Planner;
import dev.migrations.runtime.RevisionErrors;
import dev.migrations.runtime.Step;
import dev.migrations.runtime.StepRunner;
import dev.migrations.script.RevisionScript;
import dev.migrations.script.ScriptListing;
import dev.migrations.script.ScriptLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's entry point: loads revision scripts, answers questions about the revision graph and
 * renders what an upgrade, downgrade or stamp would run.
 *
 * <pre>{@code
 * Migrations m = Migrations.configure()
 *         .locations("filesystem:db/migrations")
 *         .dialect("postgresql")
 *         .load();
 * m.heads(false);                    // the heads, in load order
 * String sql = m.upgradeSql("head"); // the script 'upgrade head --sql' prints
 * }</pre>
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private final MigrationsConfig config;
    private final ScriptListing listing;
    private volatile List<RevisionScript> javaScripts;
    private volatile String fingerprint;
    private volatile Loaded loaded;

    /** The scripts read and parsed, and the graph built from them: made on first need. */
    private record Loaded(
            List<RevisionScript> scripts, Map<String, RevisionScript> byId, RevisionMap map, Planner planner) {

        static Loaded of(List<RevisionScript> scripts) {
            Map<String, RevisionScript> byId = new LinkedHashMap<>();
            List<Revision> revisions = new ArrayList<>(scripts.size());
            for (RevisionScript script : scripts) {
                RevisionScript previous = byId.putIfAbsent(script.revision(), script);
                if (previous != null) {
                    throw new MigrationsException("Revision " + script.revision() + " is present more than once: "
                            + previous.path() + " and " + script.path() + "; give one of them a new 'Revision ID'");
                }
                revisions.add(GraphErrors.call(
                        script,
                        () -> new Revision(
                                script.revision(), script.downRevisions(), script.dependsOn(), script.branchLabels())));
            }
            RevisionMap map = GraphErrors.call(null, () -> new RevisionMap(revisions));
            return new Loaded(
                    scripts, byId, map, new Planner(map, id -> byId.get(id).message()));
        }
    }

    private Migrations(MigrationsConfig config, ScriptListing listing) {
        this.config = config;
        this.listing = listing;
    }

    private Loaded loaded() {
        Loaded result = loaded;
        if (result == null) {
            synchronized (this) {
                result = loaded;
                if (result == null) {
                    List<RevisionScript> all = new ArrayList<>(listing.parse());
                    all.addAll(javaScripts());
                    result = Loaded.of(List.copyOf(all));
                    loaded = result;
                }
            }
        }
        return result;
    }

    private List<RevisionScript> javaScripts() {
        List<RevisionScript> result = javaScripts;
        if (result == null) {
            result = JavaMigrationScripts.load(config);
            javaScripts = result;
        }
        return result;
    }

    /**
     * What the database's verification record is compared with: the script listing (names, sizes,
     * change stamps) and the Java migrations' ids and checksums; no script is read.
     */
    private String fingerprint() {
        String result = fingerprint;
        if (result == null) {
            List<String> java = new ArrayList<>();
            for (RevisionScript script : javaScripts()) {
                java.add(script.path()
                        + ' '
                        + script.revision()
                        + ' '
                        + script.checksum()
                        + ' '
                        + String.join(",", script.downRevisions())
                        + ' '
                        + String.join(",", script.dependsOn())
                        + ' '
                        + String.join(",", script.branchLabels())
                        + ' '
                        + script.transactional());
            }
            result = listing.fingerprint(java);
            fingerprint = result;
        }
        return result;
    }

    private List<RevisionScript> scripts() {
        return loaded().scripts();
    }

    private Map<String, RevisionScript> scriptsById() {
        return loaded().byId();
    }

    private RevisionMap map() {
        return loaded().map();
    }

    private Planner planner() {
        return loaded().planner();
    }

    /** Starts a configuration. */
    public static MigrationsConfig.Builder configure() {
        return MigrationsConfig.builder();
    }

    /**
     * Lists the scripts of the given configuration (a missing location fails here). They are read,
     * parsed and built into the revision graph on first need, so a script or graph error surfaces
     * from the first method that needs them; an {@code upgrade} or {@code status} of a database
     * whose verification record covers the scripts at its heads reads none (see {@link
     * #verifiedStatus}).
     */
    public static Migrations load(MigrationsConfig config) {
        return new Migrations(config, ScriptLoader.list(config.locations(), config.classLoader()));
    }

    /**
     * Loads the engine with a listing of its scripts made earlier, e.g. on a background thread while
     * the application starts, so this thread lists nothing. The listing must be of the configuration's
     * locations and class loader ({@link ScriptListing#isFor}); files added, removed or changed since
     * it was made are not seen by this engine.
     *
     * @throws IllegalArgumentException if the listing is of other locations or another class loader
     */
    public static Migrations load(MigrationsConfig config, ScriptListing listing) {
        if (!listing.isFor(config.locations(), config.classLoader())) {
            throw new IllegalArgumentException("The script listing is not of the locations "
                    + config.locations() + " with this configuration's class loader; list them with"
                    + " ScriptLoader.list(config.locations(), config.classLoader())");
        }
        return new Migrations(config, listing);
    }

    /** The configuration this engine was loaded with. */
    public MigrationsConfig config() {
        return config;
    }

    /** Every revision, in load order. */
    public List<RevisionInfo> revisions() {
        List<RevisionInfo> result = new ArrayList<>();
        for (Revision rev : map().revisions()) {
            result.add(info(rev));
        }
        return result;
    }

    /**
     * The heads: revisions nothing revises ({@code heads}), or with {@code resolveDependencies} only
     * those nothing revises or depends on.
     */
    public List<RevisionInfo> heads(boolean resolveDependencies) {
        List<String> ids = resolveDependencies ? map().realHeads() : map().heads();
        return infos(ids);
    }

    /** Branch points, newest first (what {@code branches} lists). */
    public List<RevisionInfo> branchPoints() {
        List<RevisionInfo> result = new ArrayList<>();
        for (RevisionInfo rev : history(null)) {
            if (rev.branchPoint()) {
                result.add(rev);
            }
        }
        return result;
    }

    /**
     * Revisions in a range, newest first (what {@code history -r} lists).
     *
     * @param range {@code [start]:[end]}, or null for everything
     */
    public List<RevisionInfo> history(String range) {
        return history(range, null);
    }

    /**
     * Revisions in a range where {@code current} stands for the given version-table rows.
     *
     * @param range {@code [start]:[end]}, or null for everything
     * @param currentRows the database's rows, or null when there is no database
     */
    public List<RevisionInfo> history(String range, List<String> currentRows) {
        String base = null;
        String head = null;
        if (range != null) {
            String trimmed = range.strip();
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new MigrationsException("History range requires [start]:[end], [start]:, or :[end]");
            }
            if (trimmed.indexOf(':', colon + 1) >= 0) {
                throw new MigrationsException("History range '" + range + "' has more than one ':'; use [start]:[end]");
            }
            base = trimmed.substring(0, colon);
            head = trimmed.substring(colon + 1);
        }
        List<String> baseRows = "current".equals(base) ? requireRows(currentRows) : null;
        List<String> headRows = "current".equals(head) ? requireRows(currentRows) : null;
        if (baseRows != null && baseRows.isEmpty()) {
            baseRows = null;
            base = null;
        }
        if (headRows != null && headRows.isEmpty()) {
            headRows = null;
            head = null;
        }
        String lower = base == null || base.isEmpty() ? "base" : base;
        String upper = head == null || head.isEmpty() ? "heads" : head;
        List<String> fixedBaseRows = baseRows;
        List<String> fixedHeadRows = headRows;
        List<Revision> revisions = RevisionErrors.defaults()
                .start(fixedBaseRows != null ? pythonTuple(fixedBaseRows) : lower)
                .end(fixedHeadRows != null ? pythonTuple(fixedHeadRows) : upper)
                .call(() -> map().walkRevisions(lower, fixedBaseRows, upper, fixedHeadRows));
        List<RevisionInfo> result = new ArrayList<>(revisions.size());
        for (Revision rev : revisions) {
            result.add(info(rev));
        }
        return result;
    }

    private static List<String> requireRows(List<String> rows) {
        if (rows == null) {
            throw new MigrationsException("'current' needs a database connection; give --url, or name a revision");
        }
        return rows;
    }

    private static String pythonTuple(List<String> ids) {
        StringBuilder sb = new StringBuilder("(");
        for (String id : ids) {
            sb.append('\'').append(id).append("', ");
        }
        sb.setLength(sb.length() - (ids.size() == 1 ? 1 : 2));
        return sb.append(')').toString();
    }

    /** The revisions an identifier names (several for {@code heads} or a label with several heads). */
    public List<RevisionInfo> show(String identifier) {
        List<Revision> revisions = RevisionErrors.defaults().call(() -> map().getRevisions(identifier));
        List<RevisionInfo> result = new ArrayList<>();
        for (Revision rev : revisions) {
            if (rev != null && map().byId(rev.id()) == rev) {
                result.add(info(rev));
            }
        }
        return result;
    }

    /** The revisions the version-table rows amount to, reduced to branch tips (what {@code current} shows). */
    public List<RevisionInfo> current(List<String> rows) {
        List<Revision> revisions = RevisionErrors.defaults().call(() -> map().currentRevisions(rows));
        List<RevisionInfo> result = new ArrayList<>();
        for (Revision rev : revisions) {
            result.add(info(rev));
        }
        return result;
    }

    /**
     * The SQL {@code upgrade [start:]end --sql} prints: the run from {@code start} (default base) to
     * {@code end}, without a database.
     */
    public String upgradeSql(String range) {
        Range r = Range.parse(range, false);
        List<String> heads = startHeads(r.start());
        return render(planner().upgrade(r.end(), heads), heads);
    }

    /** The SQL {@code downgrade start:end --sql} prints. */
    public String downgradeSql(String range) {
        Range r = Range.parse(range, true);
        List<String> heads = startHeads(r.start());
        return render(planner().downgrade(r.end(), heads), heads);
    }

    /** The SQL {@code stamp [start:]rev... --sql} prints. */
    public String stampSql(List<String> revisions) {
        String start = null;
        List<String> destinations = new ArrayList<>();
        for (String revision : revisions) {
            String dest = revision;
            int colon = revision.indexOf(':');
            if (colon >= 0) {
                String from = revision.substring(0, colon);
                dest = revision.substring(colon + 1);
                if (start != null && !start.equals(from)) {
                    throw new MigrationsException(
                            "Stamp operation with --sql only supports a single starting revision at a time");
                }
                start = from;
            }
            destinations.add(dest);
        }
        List<String> heads = startHeads(start);
        return render(planner().stamp(destinations, heads), heads);
    }

    private List<String> startHeads(String start) {
        if (start == null || start.equals("base")) {
            return List.of();
        }
        Revision rev = RevisionErrors.defaults().call(() -> map().getRevision(start));
        return rev == null ? List.of() : List.of(rev.id());
    }

    private String render(List<Step> steps, List<String> heads) {
        StringBuilder out = new StringBuilder();
        SqlScriptSink sink =
                new SqlScriptSink(out, Dialect.of(config.dialect()), config.schema(), config.versionTable());
        new StepRunner(scriptsById(), config.transactionPerMigration()).run(steps, heads, sink);
        return out.toString();
    }

    private List<RevisionInfo> infos(List<String> ids) {
        List<RevisionInfo> result = new ArrayList<>(ids.size());
        for (String id : ids) {
            result.add(info(map().byId(id)));
        }
        return result;
    }

    private RevisionInfo info(Revision rev) {
        RevisionScript script = scriptsById().get(rev.id());
        String longDoc = script.message() + "\n\nRevision ID: " + rev.id() + "\nRevises: "
                + String.join(", ", rev.downRevisions())
                + (script.createDate() == null ? "" : "\nCreate Date: " + script.createDate());
        return new RevisionInfo(
                rev.id(),
                script.message(),
                longDoc,
                rev.downRevisions(),
                rev.dependencies(),
                new ArrayList<>(rev.branchLabels()),
                new ArrayList<>(rev.nextRevisions()),
                script.path(),
                rev.isHead(),
                rev.isRealHead(),
                rev.isBranchPoint(),
                rev.isMergePoint());
    }

    // ------------------------------------------------------------------ online

    private OnlineRunner online() {
        return new OnlineRunner(config, this::scriptsById);
    }

    private void checkChecksums(List<String> rows, Map<String, String> recorded) {
        List<ChecksumMismatch> mismatches = mismatches(rows, recorded);
        if (mismatches.isEmpty()) {
            return;
        }
        if (config.validateChecksums()) {
            throw new ChecksumMismatchException(mismatches);
        }
        for (ChecksumMismatch mismatch : mismatches) {
            LOG.warn("{} (checksum validation is off)", mismatch.describe());
        }
    }

    private List<ChecksumMismatch> mismatches(List<String> rows, Map<String, String> recorded) {
        if (recorded.isEmpty() || rows.isEmpty()) {
            return List.of();
        }
        Set<String> applied = RevisionErrors.defaults().call(() -> map().ancestorIds(resolveRows(rows)));
        return OnlineRunner.mismatches(applied, recorded, scriptsById()::get);
    }

    private List<String> resolveRows(List<String> rows) {
        List<String> ids = new ArrayList<>();
        for (Revision rev : map().getRevisions(rows)) {
            ids.add(rev.id());
        }
        return ids;
    }

    /**
     * Upgrades the database to {@code target} ({@code head}, {@code heads}, an id, a label, {@code +1},
     * ...) under the migration lock, one transaction per revision by default.
     *
     * @throws MigrationFailedException when a revision fails (the database stays at the last commit)
     * @throws ChecksumMismatchException when applied scripts changed and validation is on
     * @throws LockTimeoutException when another migrator holds the lock too long
     */
    public MigrationResult upgrade(String target) {
        if (target.contains(":")) {
            throw new MigrationsException("Range revision not allowed");
        }
        return online().run(
                        "upgrade",
                        target,
                        false,
                        this::checkChecksums,
                        rows -> planner().upgrade(target, rows),
                        verification(target));
    }

    /**
     * What lets {@code upgrade} at head skip reading the scripts: only with checksum validation on
     * (the record says every applied script was checked) and only for the targets the record's heads
     * answer ({@code heads}, or {@code head} when the record names one head).
     */
    private OnlineRunner.Verification verification(String target) {
        if (!config.validateChecksums()) {
            return null;
        }
        return new OnlineRunner.Verification(fingerprint(), () -> map().heads(), target);
    }

    /**
     * Where the database stands against {@code target}, answered without reading any script when the
     * database's verification record covers these scripts (same listing: names, sizes, modification
     * times or jar CRCs) at exactly its current version rows: then it is at its heads with every
     * applied script's checksum already checked. Empty when the record does not apply (scripts
     * changed, the database moved, checksum validation off, or a target other than {@code heads} or,
     * with one head, {@code head}); {@link #status} then reads everything.
     */
    public java.util.Optional<MigrationStatus> verifiedStatus(String target) {
        OnlineRunner.Verified verified = verified(online(), target);
        if (verified == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new MigrationStatus(
                verified.rows(), verified.heads(), target, verified.heads(), List.of(), true, List.of()));
    }

    /**
     * {@code upgrade(target)} when {@link #verifiedStatus} answers: the database is at the target
     * with these scripts verified, so the upgrade has nothing to do and is reported as such (the log
     * line and the listeners' finished run, as {@link #upgrade} reports it) after one read. Empty,
     * having reported nothing, when the record does not apply; the caller then runs its own checks
     * and {@link #upgrade}. What an application start calls first: it reads the record once.
     */
    public java.util.Optional<MigrationResult> upgradeIfVerified(String target) {
        long start = System.nanoTime();
        OnlineRunner runner = online();
        OnlineRunner.Verified verified = verified(runner, target);
        if (verified == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(runner.reportNothingToDo("upgrade", target, verified.rows(), start));
    }

    private OnlineRunner.Verified verified(OnlineRunner runner, String target) {
        if (!config.validateChecksums() || !(target.equals("heads") || target.equals("head"))) {
            return null;
        }
        OnlineRunner.Verified verified = runner.verified(fingerprint());
        return verified == null || (target.equals("head") && verified.heads().size() != 1) ? null : verified;
    }

    /** Downgrades the database to {@code target} ({@code base}, an id, {@code -1}, {@code L@-1}, ...). */
    public MigrationResult downgrade(String target) {
        if (target.contains(":")) {
            throw new MigrationsException("Range revision not allowed");
        }
        return online().run("downgrade", target, false, this::checkChecksums, rows -> planner()
                .downgrade(target, rows));
    }

    /**
     * Sets the version table to the given revisions without running scripts; with {@code purge} the
     * table is emptied first (recovers from rows naming unknown revisions).
     */
    public MigrationResult stamp(List<String> revisions, boolean purge) {
        for (String revision : revisions) {
            if (revision.contains(":")) {
                throw new MigrationsException("Range revision not allowed");
            }
        }
        return online().run("stamp", String.join(" ", revisions), purge, (rows, recorded) -> {}, rows -> planner()
                .stamp(revisions, rows));
    }

    /** The version-table rows as stored (empty without a version table); creates nothing. */
    public List<String> currentRows() {
        return online().readRows();
    }

    /** The revisions the database is at, reduced to branch tips (what {@code current} shows). */
    public List<RevisionInfo> current() {
        return current(currentRows());
    }

    /** Where the database stands against {@code target}: current rows, heads, pending revisions. */
    public MigrationStatus status(String target) {
        java.util.Optional<MigrationStatus> verified = verifiedStatus(target);
        if (verified.isPresent()) {
            return verified.get();
        }
        OnlineRunner runner = online();
        List<String> rows = runner.readRows();
        List<Step> steps = planner().upgrade(target, rows);
        List<String> pending = new ArrayList<>();
        for (Step step : steps) {
            pending.add(step.revisionId());
        }
        List<String> targetIds = new ArrayList<>();
        for (Revision rev : RevisionErrors.defaults().call(() -> map().getRevisions(target))) {
            if (rev != null && map().byId(rev.id()) == rev) {
                targetIds.add(rev.id());
            }
        }
        List<ChecksumMismatch> mismatches = mismatches(rows, runner.readRecordedChecksums());
        return new MigrationStatus(rows, map().heads(), target, targetIds, pending, pending.isEmpty(), mismatches);
    }

    /**
     * Version-table rows that name no known revision (a newer deployment's revisions, after a
     * roll-back of the application): empty when every row is known.
     */
    public List<String> unknownRevisions(List<String> rows) {
        List<String> unknown = new ArrayList<>();
        for (String row : rows) {
            if (map().byId(row) == null) {
                unknown.add(row);
            }
        }
        return unknown;
    }

    /**
     * The revisions {@code downgrade target} would undo from the given rows, newest first: empty
     * when the target is at or above the rows (an upgrade target).
     */
    public List<String> downgradePlan(String target, List<String> rows) {
        List<String> ids = new ArrayList<>();
        try {
            for (Step step : planner().downgrade(target, rows)) {
                ids.add(step.revisionId());
            }
        } catch (MigrationsException e) {
            // Not a valid downgrade target from these rows: nothing to undo.
            return List.of();
        }
        return ids;
    }

    /**
     * Every revision the version-table rows imply (the rows, their ancestors and dependencies): what
     * the database has applied. Fails with Alembic's "Can't locate revision" for unknown rows.
     */
    public Set<String> appliedRevisions(List<String> rows) {
        return RevisionErrors.defaults().call(() -> map().ancestorIds(resolveRows(rows)));
    }

    /** Applied revisions whose scripts changed since they were applied. */
    public List<ChecksumMismatch> checksumMismatches() {
        OnlineRunner runner = online();
        return mismatches(runner.readRows(), runner.readRecordedChecksums());
    }

    /**
     * Records the scripts' current checksums for applied revisions whose scripts changed, after a
     * deliberate and reviewed edit; only {@code revisions} when given.
     *
     * @return the revisions whose checksum was recorded
     */
    public List<String> recordChecksums(List<String> revisions) {
        Set<String> only = new java.util.HashSet<>();
        for (String revision : revisions) {
            only.add(RevisionErrors.defaults()
                    .call(() -> map().getRevision(revision))
                    .id());
        }
        return online().recordChecksums((rows, recorded) -> {
            List<RevisionScript> result = new ArrayList<>();
            for (ChecksumMismatch mismatch : mismatches(rows, recorded)) {
                if (only.isEmpty() || only.contains(mismatch.revision())) {
                    result.add(scriptsById().get(mismatch.revision()));
                }
            }
            return result;
        });
    }

    /** The history table's rows, oldest first (revision, direction, appliedAt, durationMs, checksum). */
    public List<Map<String, Object>> appliedHistory() {
        return online().readHistory();
    }

    /** The graph, for the engine's own packages. */
    RevisionMap graph() {
        return map();
    }

    /**
     * Writes a new revision file ({@code revision -m ...}) and returns its path. Everything is checked
     * (heads, labels, dependencies, the resulting graph) before the file is written.
     */
    public java.nio.file.Path revision(NewRevision request) {
        return new RevisionWriter(map(), scripts(), config.locations()).write(request);
    }

    /** Writes a merge revision of the given heads ({@code merge heads -m ...}) and returns its path. */
    public java.nio.file.Path merge(List<String> revisions, String message, List<String> branchLabels, String revId) {
        return revision(new NewRevision(message, revisions, false, branchLabels, List.of(), revId, null));
    }

    // ------------------------------------------------------------------ lint

    /**
     * Lints revision scripts for statements that are dangerous on a live PostgreSQL database: long
     * locks, table rewrites, data loss, downgrades that do not undo the upgrade.
     *
     * <pre>{@code
     * LintReport report = migrations.lint(null, LintOptions.defaults());
     * report.fails(Severity.ERROR);
     * }</pre>
     *
     * @param range {@code [start]:[end]} as for {@code history -r}, or null for every revision
     * @param options severities; a configured {@code ddlLockTimeout} counts as a lock timeout
     */
    public dev.migrations.lint.LintReport lint(String range, dev.migrations.lint.LintOptions options) {
        Set<String> scope = new java.util.HashSet<>();
        for (RevisionInfo rev : range == null ? revisions() : history(range)) {
            scope.add(rev.id());
        }
        return lintScope(scope, options);
    }

    /**
     * Lints the revisions {@code upgrade target} would run on the database: those it has not applied
     * yet ({@code heads} for every branch).
     */
    public dev.migrations.lint.LintReport lintPending(String target, dev.migrations.lint.LintOptions options) {
        Set<String> scope = new java.util.HashSet<>();
        for (Step step : planner().upgrade(target, currentRows())) {
            scope.add(step.revisionId());
        }
        return lintScope(scope, options);
    }

    private dev.migrations.lint.LintReport lintScope(Set<String> scope, dev.migrations.lint.LintOptions options) {
        List<RevisionScript> oldestFirst = new ArrayList<>();
        for (RevisionInfo rev : history(null)) {
            oldestFirst.add(0, scriptsById().get(rev.id()));
        }
        boolean lockTimeout = options.ddlLockTimeoutConfigured() || config.ddlLockTimeout() != null;
        return new dev.migrations.lint.Linter(options.withDdlLockTimeout(lockTimeout), config.classLoader())
                .lint(oldestFirst, scope);
    }

    /** Creates an empty scripts directory ({@code init}); refuses a directory that has files. */
    public static java.nio.file.Path init(java.nio.file.Path directory) {
        return RevisionWriter.init(directory);
    }

    // ------------------------------------------------------------------ autogenerate and check

    /**
     * Compares the database, which must be at its heads, with a model: what {@code check} reports.
     *
     * @param model the wanted schema, e.g. {@code ModelSources.parse("db/schema.sql", loader)}
     * @param excludedTables tables (names or glob patterns) to leave out; the version, history and lock
     *     tables always are
     * @throws MigrationsException "Target database is not up to date." when it is not at its heads
     */
    public SchemaChanges check(dev.migrations.schema.ModelSource model, Set<String> excludedTables) {
        requireAtHeads();
        return dev.migrations.schema.Autogenerate.compare(config, model, excludedTables)
                .toChanges(null);
    }

    /**
     * {@code revision --autogenerate}: compares the database, which must be at its heads, with a model and
     * writes a revision whose upgrade and downgrade sections hold the changes, with {@code -- REVIEW:}
     * notes where a human must look. Writes an empty revision when nothing changed, as Alembic does.
     */
    public SchemaChanges autogenerate(
            NewRevision request, dev.migrations.schema.ModelSource model, Set<String> excludedTables) {
        requireAtHeads();
        return dev.migrations.schema.Autogenerate.write(
                dev.migrations.schema.Autogenerate.compare(config, model, excludedTables),
                comparison -> new RevisionWriter(map(), scripts(), config.locations())
                        .write(request, comparison.upgradeSql(), comparison.downgradeSql()));
    }

    private void requireAtHeads() {
        Set<String> current = new java.util.HashSet<>();
        for (RevisionInfo rev : current(currentRows())) {
            current.add(rev.id());
        }
        if (!current.equals(new java.util.HashSet<>(map().heads()))) {
            throw new MigrationsException("Target database is not up to date.");
        }
    }
}
