package dev.migrations;

import dev.migrations.internal.command.DatabaseQueries;
import dev.migrations.internal.command.Engine;
import dev.migrations.internal.command.GraphQueries;
import dev.migrations.internal.command.Linting;
import dev.migrations.internal.command.OfflineSql;
import dev.migrations.internal.command.Revisions;
import dev.migrations.internal.command.Runs;
import dev.migrations.internal.command.Standalone;
import dev.migrations.internal.command.Start;
import dev.migrations.spi.ModelSource;
import dev.migrations.spi.Operations;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The engine's entry point: the user's verbs over one set of revision scripts and, when configured,
 * one database. Each verb hands its work to a command class; scripts are read and built into the
 * revision graph on first need.
 *
 * <pre>{@code
 * Migrations m = Migrations.configure()
 *         .dataSource(dataSource)
 *         .locations("classpath:db/migrations")
 *         .load();
 * m.start(StartOptions.of(StartMode.UPGRADE)); // what the Spring Boot starter does at start-up
 * m.status("head").pending();                 // what is left to run
 * String sql = m.upgradeSql("base:head");      // the script 'upgrade base:head --sql' prints
 * }</pre>
 */
public final class Migrations {
    private final Engine engine;

    private Migrations(Engine engine) {
        this.engine = engine;
    }

    /** Starts a configuration. */
    public static MigrationsConfig.Builder configure() {
        return MigrationsConfig.builder();
    }

    /**
     * Lists the scripts of the given configuration (a missing location fails here). They are read,
     * parsed and built into the revision graph on first need, so a script or graph error surfaces
     * from the first method that needs them; a {@link #start} or {@link #status} of a database whose
     * verification record covers the scripts at its heads reads none.
     */
    public static Migrations load(MigrationsConfig config) {
        return new Migrations(Engine.load(config));
    }

    /**
     * Lists the revision scripts of these locations without reading them (a missing location fails
     * here), for {@link #load(MigrationsConfig, ScriptCatalog)}.
     *
     * @param locations {@code classpath:} or filesystem locations, as in {@link MigrationsConfig#locations()}
     * @param classLoader the class loader that resolves {@code classpath:} locations
     */
    public static ScriptCatalog listScripts(List<String> locations, ClassLoader classLoader) {
        return Standalone.listScripts(locations, classLoader);
    }

    /**
     * Loads the engine with a listing of its scripts made earlier, e.g. on a background thread while
     * the application starts. The listing must be of the configuration's locations and class loader;
     * files added, removed or changed since it was made are not seen by this engine.
     *
     * @throws IllegalArgumentException if the listing is of other locations or another class loader
     */
    public static Migrations load(MigrationsConfig config, ScriptCatalog scripts) {
        return new Migrations(Engine.load(config, scripts));
    }

    /**
     * The portable DDL of a dialect, usable with no connection; a Java migration gets the same from
     * {@link dev.migrations.spi.MigrationContext#operations()}.
     *
     * @param dialect {@code postgresql} or {@code h2} (or a JDBC URL)
     * @throws MigrationsException for another database
     */
    public static Operations operations(String dialect) {
        return Standalone.operations(dialect);
    }

    /**
     * The model source a {@code --model} value names: a plain path is a schema file; {@code
     * scheme:argument} asks the {@link dev.migrations.spi.ModelSourceProvider} of that scheme, found
     * with {@link java.util.ServiceLoader}.
     *
     * @param option the option's value, or null for {@code db/schema.sql}
     * @param classLoader where providers and the user's classes are found
     * @throws MigrationsException for an unknown scheme, listing the known ones
     */
    public static ModelSource modelSource(@Nullable String option, ClassLoader classLoader) {
        return Standalone.modelSource(option, classLoader);
    }

    /** The configuration this engine was loaded with. */
    public MigrationsConfig config() {
        return engine.config();
    }

    /**
     * The same engine over another database: the given DataSource, with the version table in the given
     * schema, and none of this engine's listeners (they describe this engine's database). Both engines
     * share the scripts, listed, read and parsed once, so a fleet of tenants costs one parse; use {@link
     * dev.migrations.fleet.Fleet} to run a verb over many.
     *
     * @param schema the version table's schema, or null for the connection's default schema
     */
    public Migrations on(DataSource dataSource, @Nullable String schema) {
        return new Migrations(engine.on(engine.config().on(dataSource, schema)));
    }

    // ------------------------------------------------------------------ the graph

    /**
     * The revision graph of these scripts: heads, branch points, history, show, and what
     * version-table rows mean against it. Needs no database.
     */
    public RevisionGraph graph() {
        return new GraphQueries(engine);
    }

    // ------------------------------------------------------------------ offline SQL

    /** The SQL {@code upgrade [start:]end --sql} prints: the run from {@code start} (default base), without a database. */
    public String upgradeSql(String range) {
        return new OfflineSql(engine).upgrade(range);
    }

    /** The SQL {@code downgrade start:end --sql} prints. */
    public String downgradeSql(String range) {
        return new OfflineSql(engine).downgrade(range);
    }

    /** The SQL {@code stamp [start:]rev... --sql} prints. */
    public String stampSql(List<String> revisions) {
        return new OfflineSql(engine).stamp(revisions);
    }

    // ------------------------------------------------------------------ the database

    /**
     * Brings the database where the options say, as an application start does: one read-only look
     * decides (one read and no script read at a verified target), and an upgrade takes the migration
     * lock. The Spring Boot starter and {@code migrations start} call this.
     *
     * @throws StartRefusedException when the database is not where the start may leave it (with what to do)
     * @throws MigrationFailedException when a revision fails
     */
    public StartResult start(StartOptions options) {
        return new Start(engine, options).run();
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
        return new Runs(engine).upgrade(target);
    }

    /** Downgrades the database to {@code target} ({@code base}, an id, {@code -1}, {@code L@-1}, ...). */
    public MigrationResult downgrade(String target) {
        return new Runs(engine).downgrade(target);
    }

    /** Sets the version table to the given revisions without running scripts ({@code stamp}). */
    public MigrationResult stamp(List<String> revisions) {
        return new Runs(engine).stamp(revisions, false);
    }

    /**
     * Sets the version table to the given revisions only when it has no rows yet, deciding under the
     * migration lock: of several runs taking over one database at once (adoption from Flyway or
     * Liquibase at start-up, say), the first stamps and the others change nothing. Their result has
     * the rows found in {@link MigrationResult#before} and no step.
     */
    public MigrationResult stampIfEmpty(List<String> revisions) {
        return new Runs(engine).stampIfEmpty(revisions);
    }

    /**
     * Empties the version table, then sets it to the given revisions ({@code stamp --purge}): recovers
     * from rows naming unknown revisions.
     */
    public MigrationResult purgeAndStamp(List<String> revisions) {
        return new Runs(engine).stamp(revisions, true);
    }

    /** The version-table rows as stored (empty without a version table); creates nothing. */
    public List<String> currentRows() {
        return database().rows();
    }

    /** The revisions the database is at, reduced to branch tips (what {@code current} shows). */
    public List<RevisionInfo> current() {
        return graph().current(currentRows());
    }

    /**
     * Where the database stands against {@code target}: current rows, heads, pending revisions, changed
     * scripts, and version-table rows the scripts do not know.
     */
    public MigrationStatus status(String target) {
        return database().status(target);
    }

    /** Applied revisions whose scripts changed since they were applied. */
    public List<ChecksumMismatch> checksumMismatches() {
        return database().checksumMismatches();
    }

    /**
     * Records the scripts' current checksums for applied revisions whose scripts changed, after a
     * deliberate and reviewed edit; only {@code revisions} when given.
     *
     * @return the revisions whose checksum was recorded
     */
    public List<String> recordChecksums(List<String> revisions) {
        return database().recordChecksums(revisions);
    }

    /** The history table's rows, oldest first. */
    public List<HistoryEntry> appliedHistory() {
        return database().history();
    }

    private DatabaseQueries database() {
        return new DatabaseQueries(engine);
    }

    // ------------------------------------------------------------------ writing revisions

    /**
     * Writes a new revision file ({@code revision -m ...}) and returns its path. Everything is checked
     * (heads, labels, dependencies, the resulting graph) before the file is written.
     */
    public Path revision(NewRevision request) {
        return new Revisions(engine).write(request);
    }

    /** Writes a merge revision of the given heads ({@code merge heads -m ...}) and returns its path. */
    public Path merge(
            List<String> revisions, @Nullable String message, List<String> branchLabels, @Nullable String revId) {
        return revision(new NewRevision(message, revisions, false, branchLabels, List.of(), revId, null));
    }

    /** Creates an empty scripts directory ({@code init}); refuses a directory that has files. */
    public static Path init(Path directory) {
        return Revisions.init(directory);
    }

    // ------------------------------------------------------------------ lint, autogenerate and check

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
    public LintReport lint(@Nullable String range, LintOptions options) {
        return new Linting(engine).range(range, options);
    }

    /** Lints the revisions {@code upgrade target} would run on the database ({@code heads} for every branch). */
    public LintReport lintPending(String target, LintOptions options) {
        return new Linting(engine).pending(target, options);
    }

    /**
     * Compares the database, which must be at its heads, with a model: what {@code check} reports.
     *
     * @param model the wanted schema, e.g. {@code Migrations.modelSource("db/schema.sql", loader)}
     * @param excludedTables tables (names or glob patterns) to leave out; the version, history and lock
     *     tables always are
     * @throws MigrationsException "Target database is not up to date." when it is not at its heads
     */
    public SchemaChanges check(ModelSource model, Set<String> excludedTables) {
        return new Revisions(engine).check(model, excludedTables);
    }

    /**
     * {@code revision --autogenerate}: compares the database, which must be at its heads, with a model
     * and writes a revision whose upgrade and downgrade sections hold the changes, with {@code --
     * REVIEW:} notes where a human must look. Writes an empty revision when nothing changed, as Alembic
     * does.
     */
    public SchemaChanges autogenerate(NewRevision request, ModelSource model, Set<String> excludedTables) {
        return new Revisions(engine).autogenerate(request, model, excludedTables);
    }
}
