package dev.migrations.internal.command;

import dev.migrations.MigrationsException;
import dev.migrations.NewRevision;
import dev.migrations.RevisionInfo;
import dev.migrations.SchemaChanges;
import dev.migrations.internal.schema.Autogenerate;
import dev.migrations.spi.ModelSource;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** {@code revision}, {@code merge}, {@code revision --autogenerate} and {@code check}: writing and comparing. */
public final class Revisions {
    private final Engine engine;

    /** Revisions of the engine's scripts. */
    public Revisions(Engine engine) {
        this.engine = engine;
    }

    /** Writes a new revision file, everything checked first. */
    public Path write(NewRevision request) {
        return engine.writer().write(request);
    }

    /** Compares the database, which must be at its heads, with the model. */
    public SchemaChanges check(ModelSource model, Set<String> excludedTables) {
        requireAtHeads();
        return Autogenerate.compare(engine.config(), model, excludedTables).toChanges(null);
    }

    /** Writes a revision holding the differences between the database, at its heads, and the model. */
    public SchemaChanges autogenerate(NewRevision request, ModelSource model, Set<String> excludedTables) {
        requireAtHeads();
        return Autogenerate.write(
                Autogenerate.compare(engine.config(), model, excludedTables),
                comparison -> engine.writer().write(request, comparison.upgradeSql(), comparison.downgradeSql()));
    }

    private void requireAtHeads() {
        Set<String> current = new HashSet<>();
        for (RevisionInfo rev : new GraphQueries(engine).current(engine.online().readRows())) {
            current.add(rev.id());
        }
        if (!current.equals(new HashSet<>(engine.map().heads()))) {
            throw new MigrationsException("Target database is not up to date.");
        }
    }

    /** Creates an empty scripts directory; refuses a directory that has files. */
    public static Path init(Path directory) {
        return RevisionWriter.init(directory);
    }
}
