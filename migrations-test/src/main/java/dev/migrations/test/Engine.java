package dev.migrations.test;

import dev.migrations.Migrations;
import dev.migrations.RevisionInfo;
import dev.migrations.internal.schema.Autogenerate;
import dev.migrations.internal.schema.reflect.SchemaReflector;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Loads the engine for the kit's settings, offline or on one fresh database, and reflects that database. */
final class Engine {
    private final KitSettings settings;

    Engine(KitSettings settings) {
        this.settings = settings;
    }

    /** The engine without a database: the graph and the scripts. */
    Migrations offline() {
        return configure().load();
    }

    /** The engine on the given sandbox. */
    Migrations on(Sandbox sandbox) {
        return sandbox.configure(configure()).load();
    }

    private dev.migrations.MigrationsConfig.Builder configure() {
        return Migrations.configure()
                .locations(settings.locations())
                .classLoader(settings.classLoader())
                .versionTable(settings.versionTable())
                .dialect("postgresql");
    }

    /** Every revision, ancestors before descendants: the order the walk upgrades them in. */
    static List<RevisionInfo> upgradeOrder(Migrations migrations) {
        List<RevisionInfo> order = new ArrayList<>(migrations.graph().history(null));
        Collections.reverse(order);
        return order;
    }

    /**
     * The schema of the database as it stands, through the engine's reflection, without the engine's own
     * tables.
     */
    SchemaState reflect(Sandbox database) {
        Set<String> bookkeeping = Autogenerate.bookkeepingTables(settings.versionTable());
        try (Connection connection = database.connect()) {
            return new SchemaState(
                    SchemaReflector.reflect(connection, "postgresql", null, bookkeeping),
                    RoutineSnapshot.take(connection, bookkeeping));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not read the schema of " + database.name() + ": " + e.getMessage(), e);
        }
    }

    /** How a revision is named in messages: {@code Revision <id> (<file>)}. */
    static String describe(RevisionInfo revision) {
        return "Revision " + revision.id() + " (" + revision.path() + ")";
    }
}
