package dev.migrations.internal.command;

import dev.migrations.ScriptCatalog;
import dev.migrations.internal.schema.DialectOperations;
import dev.migrations.internal.schema.ModelSources;
import dev.migrations.internal.script.ScriptLoader;
import dev.migrations.spi.ModelSource;
import dev.migrations.spi.Operations;
import java.util.List;

/** The facade's static verbs that need no engine: the engine's implementations behind API types. */
public final class Standalone {
    private Standalone() {}

    /** {@link dev.migrations.Migrations#operations(String)}. */
    public static Operations operations(String dialect) {
        return DialectOperations.forDialect(dialect);
    }

    /** {@link dev.migrations.Migrations#listScripts(List, ClassLoader)}. */
    public static ScriptCatalog listScripts(List<String> locations, ClassLoader classLoader) {
        return ScriptLoader.list(locations, classLoader);
    }

    /** {@link dev.migrations.Migrations#modelSource(String, ClassLoader)}. */
    public static ModelSource modelSource(String option, ClassLoader classLoader) {
        return ModelSources.parse(option, classLoader);
    }
}
