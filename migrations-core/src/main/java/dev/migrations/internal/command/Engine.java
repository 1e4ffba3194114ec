package dev.migrations.internal.command;

import dev.migrations.ChecksumMismatch;
import dev.migrations.ChecksumMismatchException;
import dev.migrations.MigrationsConfig;
import dev.migrations.MigrationsException;
import dev.migrations.RevisionInfo;
import dev.migrations.ScriptCatalog;
import dev.migrations.internal.graph.Revision;
import dev.migrations.internal.graph.RevisionMap;
import dev.migrations.internal.runtime.OnlineRunner;
import dev.migrations.internal.runtime.Planner;
import dev.migrations.internal.runtime.RevisionErrors;
import dev.migrations.internal.script.RevisionScript;
import dev.migrations.internal.script.ScriptListing;
import dev.migrations.internal.script.ScriptLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every command works on: the configuration, the script listing, and the scripts read, parsed
 * and built into the revision graph on first need (so a start at a verified head reads none).
 */
public final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final MigrationsConfig config;
    private final Scripts scripts;

    /**
     * The listing and what is read from it on first need; engines made with {@link #on} share it, so a
     * fleet of tenants reads and parses the scripts once.
     */
    private static final class Scripts {
        final ScriptListing listing;
        volatile List<RevisionScript> javaScripts;
        volatile String fingerprint;
        volatile Loaded loaded;

        Scripts(ScriptListing listing) {
            this.listing = listing;
        }
    }

    /** The scripts read and parsed, and the graph built from them. */
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
            RevisionMap map = GraphErrors.call(byId, () -> new RevisionMap(revisions));
            return new Loaded(
                    scripts, byId, map, new Planner(map, id -> byId.get(id).message()));
        }
    }

    /** {@link dev.migrations.Migrations#load(MigrationsConfig)}: lists the configuration's scripts. */
    public static Engine load(MigrationsConfig config) {
        return new Engine(config, ScriptLoader.list(config.locations(), config.classLoader()));
    }

    /**
     * {@link dev.migrations.Migrations#load(MigrationsConfig, ScriptCatalog)}: a listing made earlier.
     *
     * @throws IllegalArgumentException if the listing is of other locations or another class loader,
     *     or was not made by {@link dev.migrations.Migrations#listScripts}
     */
    public static Engine load(MigrationsConfig config, ScriptCatalog scripts) {
        if (!(scripts instanceof ScriptListing listing)) {
            throw new IllegalArgumentException("The script listing " + scripts + " was not made by"
                    + " Migrations.listScripts(config.locations(), config.classLoader())");
        }
        return new Engine(config, listing);
    }

    /**
     * Creates the engine's state over a listing of the configuration's locations.
     *
     * @throws IllegalArgumentException if the listing is of other locations or another class loader
     */
    public Engine(MigrationsConfig config, ScriptListing listing) {
        if (!listing.isFor(config.locations(), config.classLoader())) {
            throw new IllegalArgumentException("The script listing is not of the locations "
                    + config.locations() + " with this configuration's class loader; list them with"
                    + " Migrations.listScripts(config.locations(), config.classLoader())");
        }
        this.config = config;
        this.scripts = new Scripts(listing);
    }

    private Engine(MigrationsConfig config, Scripts scripts) {
        this.config = config;
        this.scripts = scripts;
    }

    /**
     * An engine over another database (and version-table schema) that shares these scripts, read once
     * for both; the configuration must differ only in where it connects.
     */
    public Engine on(MigrationsConfig other) {
        return new Engine(other, scripts);
    }

    /** The configuration. */
    public MigrationsConfig config() {
        return config;
    }

    private Loaded loaded() {
        Loaded result = scripts.loaded;
        if (result == null) {
            synchronized (scripts) {
                result = scripts.loaded;
                if (result == null) {
                    List<RevisionScript> all = new ArrayList<>(scripts.listing.parse());
                    all.addAll(javaScripts());
                    result = Loaded.of(List.copyOf(all));
                    scripts.loaded = result;
                }
            }
        }
        return result;
    }

    private List<RevisionScript> javaScripts() {
        List<RevisionScript> result = scripts.javaScripts;
        if (result == null) {
            result = JavaMigrationScripts.load(config);
            scripts.javaScripts = result;
        }
        return result;
    }

    /**
     * What the database's verification record is compared with: the script listing (names, sizes,
     * change stamps) and the Java migrations' ids and checksums; no script is read.
     */
    String fingerprint() {
        String result = scripts.fingerprint;
        if (result == null) {
            List<String> java = new ArrayList<>();
            for (RevisionScript script : javaScripts()) {
                java.add(String.join(
                        " ",
                        script.path(),
                        script.revision(),
                        script.checksum(),
                        String.join(",", script.downRevisions()),
                        String.join(",", script.dependsOn()),
                        String.join(",", script.branchLabels()),
                        String.valueOf(script.transactional())));
            }
            result = scripts.listing.fingerprint(java);
            scripts.fingerprint = result;
        }
        return result;
    }

    List<RevisionScript> scripts() {
        return loaded().scripts();
    }

    Map<String, RevisionScript> scriptsById() {
        return loaded().byId();
    }

    RevisionMap map() {
        return loaded().map();
    }

    Planner planner() {
        return loaded().planner();
    }

    /** A runner on the configured database (fails clearly without one). */
    OnlineRunner online() {
        return new OnlineRunner(config, this::scriptsById);
    }

    /**
     * What lets an upgrade at head skip reading the scripts: only with checksum validation on (the
     * record says every applied script was checked); the runner uses it only for the targets the
     * record's heads answer ({@code heads}, or {@code head} when the record names one head).
     */
    OnlineRunner.Verification verification(String target) {
        if (!config.validateChecksums()) {
            return null;
        }
        return new OnlineRunner.Verification(fingerprint(), () -> map().heads(), target);
    }

    /** The revisions of these ids, as users see them. */
    List<RevisionInfo> infos(List<String> ids) {
        List<RevisionInfo> result = new ArrayList<>(ids.size());
        for (String id : ids) {
            result.add(info(map().byId(id)));
        }
        return result;
    }

    /** The revisions, as users see them. */
    List<RevisionInfo> infosOf(java.util.Collection<Revision> revisions) {
        List<RevisionInfo> result = new ArrayList<>(revisions.size());
        for (Revision rev : revisions) {
            result.add(info(rev));
        }
        return result;
    }

    RevisionInfo info(Revision rev) {
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

    /** Version-table rows that name no revision of the graph (a newer deployment's). */
    List<String> unknown(List<String> rows) {
        List<String> unknown = new ArrayList<>();
        for (String row : rows) {
            if (map().byId(row) == null) {
                unknown.add(row);
            }
        }
        return unknown;
    }

    /** Every revision the rows imply: the rows, their ancestors and dependencies. */
    Set<String> applied(List<String> rows) {
        return RevisionErrors.defaults().call(() -> map().ancestorIds(resolve(rows)));
    }

    private List<String> resolve(List<String> rows) {
        List<String> ids = new ArrayList<>();
        for (Revision rev : map().getRevisions(rows)) {
            ids.add(rev.id());
        }
        return ids;
    }

    /** Applied revisions whose scripts changed since they were applied. */
    List<ChecksumMismatch> mismatches(List<String> rows, Map<String, String> recorded) {
        if (recorded.isEmpty() || rows.isEmpty()) {
            return List.of();
        }
        return OnlineRunner.mismatches(applied(rows), recorded, scriptsById()::get);
    }

    /** The checksum policy: refuse changed scripts when validation is on, else warn about each one. */
    void checkChecksums(List<ChecksumMismatch> mismatches) {
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

    /** {@link #checkChecksums(List)} for rows and recorded checksums, as a run's check under the lock. */
    void checkChecksums(List<String> rows, Map<String, String> recorded) {
        checkChecksums(mismatches(rows, recorded));
    }

    /** A writer of new revision files over the loaded graph. */
    RevisionWriter writer() {
        return new RevisionWriter(map(), scripts(), config.locations());
    }
}
