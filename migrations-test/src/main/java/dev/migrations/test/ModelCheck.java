package dev.migrations.test;

import dev.migrations.MigrationsException;
import dev.migrations.SchemaChanges;
import dev.migrations.spi.ModelSource;
import java.util.Set;

/**
 * Compares the schema the migrations build with the model, as {@code migrations check} does: a new
 * database is upgraded to the heads, then the engine loads the model into a scratch schema beside it,
 * reflects both and diffs them.
 */
final class ModelCheck {
    private ModelCheck() {}

    static void run(Engine engine, Sandbox.Factory sandboxes, KitSettings settings) {
        ModelSource source = TestModels.of(settings.model(), settings.classLoader());
        try (Sandbox database = sandboxes.create()) {
            dev.migrations.Migrations migrations = engine.on(database);
            try {
                migrations.upgrade("heads");
            } catch (MigrationsException e) {
                throw new AssertionError(
                        "Upgrade from base to head fails, so the model cannot be compared: " + e.getMessage(), e);
            }
            SchemaChanges changes;
            try {
                changes = migrations.check(source, Set.of());
            } catch (MigrationsException e) {
                throw new AssertionError("Model " + settings.model() + " could not be compared: " + e.getMessage(), e);
            }
            if (!changes.empty()) {
                throw new AssertionError("The migrations do not build model " + settings.model()
                        + "; a new revision would need: " + String.join("; ", changes.operations())
                        + ". Write it with `migrations revision --autogenerate -m \"...\" --model "
                        + cliModel(settings.model())
                        + "`, or change the model.");
            }
        }
    }

    /** The model as the command line takes it: a file path for {@code filesystem:}, the path to find for {@code classpath:}. */
    private static String cliModel(String model) {
        if (model.startsWith("filesystem:")) {
            return model.substring("filesystem:".length());
        }
        if (model.startsWith("classpath:")) {
            return "<path of " + model + ">";
        }
        return model;
    }
}
