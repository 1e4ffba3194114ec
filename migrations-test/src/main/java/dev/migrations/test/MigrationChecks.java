package dev.migrations.test;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.RevisionInfo;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The kit's checks for one test class, as JUnit dynamic tests. Each check runs on its own PostgreSQL
 * database, created with a random name ({@code mig_check_<hex>}) on the located server and dropped
 * afterwards, or, when the test gave a DataSource, in a schema of its own in it. Obtain it as a
 * parameter of a {@code @TestFactory} method in a {@link MigrationTest} class, or implement {@link
 * MigrationSuite}.
 */
public final class MigrationChecks implements AutoCloseable {
    private final KitSettings settings;
    private final Engine engine;
    private final Migrations offline;
    private final Object testInstance;
    private final List<DowngradeWalk> walks = new ArrayList<>();
    private Sandbox.Factory sandboxes;

    MigrationChecks(KitSettings settings, Object testInstance) {
        this.settings = settings;
        this.engine = new Engine(settings);
        this.offline = engine.offline();
        this.testInstance = testInstance;
    }

    /** Every check: single head, upgrade, downgrades, model, seeded data. */
    public Stream<DynamicNode> all() {
        return Stream.of(singleHead(), upgradeToHead(), downgrades(), modelMatches(), seededData());
    }

    /** Fails when the revisions have several heads, listing them. */
    public DynamicNode singleHead() {
        return DynamicTest.dynamicTest("single head", () -> {
            List<RevisionInfo> heads = offline.graph().heads();
            if (heads.isEmpty()) {
                throw new AssertionError("No revisions found in " + settings.locations());
            }
            if (heads.size() > 1) {
                List<String> names = new ArrayList<>();
                for (RevisionInfo head : heads) {
                    names.add(head.id() + " (" + head.message() + ", " + head.path() + ")");
                }
                throw new AssertionError("The revisions have " + heads.size() + " heads: " + String.join("; ", names)
                        + ". Run `migrations merge heads -m \"merge\"` to join them into one.");
            }
        });
    }

    /** Upgrades a new database from base to every head. */
    public DynamicNode upgradeToHead() {
        List<String> heads = ids(offline.graph().heads());
        return DynamicTest.dynamicTest("upgrade base -> " + String.join(", ", heads), () -> {
            try (Sandbox database = sandboxes().create()) {
                Migrations migrations = engine.on(database);
                try {
                    migrations.upgrade("heads");
                } catch (MigrationsException e) {
                    throw new AssertionError("Upgrade from base to head fails: " + e.getMessage(), e);
                }
                List<String> rows = migrations.currentRows();
                if (!Set.copyOf(rows).equals(Set.copyOf(heads))) {
                    throw new AssertionError("After upgrading to head the version table holds " + rows
                            + " instead of the heads " + heads);
                }
            }
        });
    }

    /** For every revision, oldest first: up, down and up again restores the schema exactly. */
    public DynamicNode downgrades() {
        List<RevisionInfo> order = Engine.upgradeOrder(offline);
        Set<String> irreversible = new HashSet<>();
        for (String revision : settings.irreversible()) {
            for (RevisionInfo info : offline.graph().show(revision)) {
                irreversible.add(info.id());
            }
        }
        // One walk shares one database across the container's tests; it is created on the first test.
        DowngradeWalk walk = track(new DowngradeWalk(engine, this::sandboxes, irreversible));
        Stream<DynamicNode> tests = order.stream()
                .map(revision -> DynamicTest.dynamicTest(
                        revision.id() + " " + revision.message() + ": upgrade, downgrade, upgrade",
                        () -> walk.check(revision)));
        return DynamicContainer.dynamicContainer("downgrade restores the schema", tests.onClose(walk::close));
    }

    /** Compares the schema the migrations build with the configured model, when one is configured. */
    public DynamicNode modelMatches() {
        String model = settings.model();
        return DynamicTest.dynamicTest(
                "model " + (model == null ? "(none configured)" : model) + " matches the migrations", () -> {
                    Assumptions.assumeTrue(
                            model != null,
                            "No model configured: set @MigrationTest(model = \"filesystem:db/schema.sql\")");
                    ModelCheck.run(engine, sandboxes(), settings);
                });
    }

    /** For every revision with {@link SeedBefore} or {@link VerifyAfter} methods: the data survives it. */
    public DynamicNode seededData() {
        Hooks hooks;
        try {
            hooks = Hooks.find(testInstance.getClass(), offline);
        } catch (IllegalStateException e) {
            // A hook naming no revision is the test's mistake: report it as a failing check, not a crash.
            return DynamicContainer.dynamicContainer(
                    "seeded data survives", Stream.of(DynamicTest.dynamicTest("seeding hooks", () -> {
                        throw new AssertionError(e.getMessage(), e);
                    })));
        }
        List<RevisionInfo> revisions = hooks.revisions(Engine.upgradeOrder(offline));
        Stream<DynamicNode> tests = revisions.stream()
                .map(revision -> DynamicTest.dynamicTest(
                        "data seeded before " + revision.id() + " survives it", () -> seeded(hooks, revision)));
        return DynamicContainer.dynamicContainer("seeded data survives", tests);
    }

    private void seeded(Hooks hooks, RevisionInfo revision) throws SQLException {
        try (Sandbox database = sandboxes().create()) {
            Migrations migrations = engine.on(database);
            for (String parent : revision.downRevisions()) {
                migrations.upgrade(parent);
            }
            try (Connection connection = database.connect()) {
                Hooks.run(hooks.seeds().getOrDefault(revision.id(), List.of()), testInstance, connection);
            } catch (Exception e) {
                throw new AssertionError(
                        "Seeding before " + Engine.describe(revision) + " fails: " + e.getMessage(), e);
            }
            try {
                migrations.upgrade(revision.id());
            } catch (MigrationsException e) {
                throw new AssertionError(
                        Engine.describe(revision) + ": upgrade with seeded data fails: " + e.getMessage(), e);
            }
            try (Connection connection = database.connect()) {
                List<Method> verifications = hooks.verifications().getOrDefault(revision.id(), List.of());
                try {
                    Hooks.run(verifications, testInstance, connection);
                } catch (AssertionError e) {
                    throw new AssertionError(
                            Engine.describe(revision) + ": seeded data did not survive: " + e.getMessage(), e);
                }
            }
        }
    }

    private static List<String> ids(List<RevisionInfo> revisions) {
        List<String> ids = new ArrayList<>();
        for (RevisionInfo revision : revisions) {
            ids.add(revision.id());
        }
        return ids;
    }

    /** Where checks get their databases, located when a check first needs one (listing needs none). */
    private synchronized Sandbox.Factory sandboxes() {
        if (sandboxes == null) {
            sandboxes = settings.dataSource() != null
                    ? FreshSchema.in(settings.dataSource())
                    : ServerLocator.locate(settings);
        }
        return sandboxes;
    }

    private DowngradeWalk track(DowngradeWalk walk) {
        walks.add(walk);
        return walk;
    }

    /** Drops every database a check left behind (JUnit calls this when the test factory is done). */
    @Override
    public void close() {
        for (DowngradeWalk walk : walks) {
            walk.close();
        }
    }
}
