package dev.migrations.test;

import dev.migrations.MigrationsException;
import dev.migrations.schema.ModelSource;
import dev.migrations.schema.diff.Change;
import dev.migrations.schema.diff.SchemaDiff;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the schema the migrations build with the model: one new database upgraded to the heads,
 * another holding only the model's objects, both reflected by the engine and compared with its
 * schema diff, the way {@code migrations check} does.
 */
final class ModelCheck {
    private ModelCheck() {}

    static void run(Engine engine, PostgresServer server, KitSettings settings) throws SQLException {
        ModelSource source = ModelSources.of(settings.model(), settings.classLoader());
        try (FreshDatabase built = server.createDatabase();
                FreshDatabase wanted = server.createDatabase()) {
            try {
                engine.on(built, server).upgrade("heads");
            } catch (MigrationsException e) {
                throw new AssertionError(
                        "Upgrade from base to head fails, so the model cannot be compared: " + e.getMessage(), e);
            }
            try (Connection connection = wanted.connect()) {
                source.load(connection, currentSchema(connection), "postgresql");
            } catch (SQLException e) {
                throw new AssertionError(
                        "Model " + source.describe() + " does not load into an empty database: " + e.getMessage(), e);
            }
            List<Change> changes = SchemaDiff.compare(
                    engine.reflect(built).model(), engine.reflect(wanted).model());
            if (!changes.isEmpty()) {
                throw new AssertionError(mismatch(source, settings, changes));
            }
        }
    }

    private static String mismatch(ModelSource source, KitSettings settings, List<Change> changes) {
        List<String> lines = new ArrayList<>();
        for (Change change : changes) {
            lines.add(change.describe());
        }
        return "The migrations do not build model " + source.describe() + "; a new revision would need: "
                + String.join("; ", lines) + ". Write it with `migrations revision --autogenerate -m \"...\" --model "
                + settings.model() + "`, or change the model.";
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
