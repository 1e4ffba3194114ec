package dev.migrations.spi;

import org.jspecify.annotations.Nullable;

/**
 * A revision written in Java. Annotate the class with {@link Migration} for its header; the engine
 * runs {@link #upgrade} (or {@link #downgrade}) in the same step loop and transaction as SQL
 * revisions, followed by the version-table update.
 *
 * <p>Implementations are found in configured packages (they need a public no-argument
 * constructor) or given as instances, e.g. Spring beans that use injected services.
 */
public interface JavaMigration {
    /**
     * Applies the revision.
     *
     * @param context runs SQL online or writes it to the offline script
     * @throws Exception any failure: the step's transaction is rolled back and the run stops with a
     *     {@code MigrationFailedException} naming the revision and this class
     */
    void upgrade(MigrationContext context) throws Exception;

    /**
     * Reverts the revision. The default says the revision cannot be downgraded; a class that
     * overrides this method can be (the engine checks for the override before a downgrade starts).
     *
     * @param context runs SQL online or writes it to the offline script
     * @throws Exception any failure, handled as for {@link #upgrade}
     */
    default void downgrade(MigrationContext context) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " does not override downgrade()");
    }

    /**
     * The checksum recorded when the revision is applied, or {@code null} (the default) for one
     * computed from the class name, the header and the class file's bytes. Return a fixed value
     * (e.g. {@code "1"}, raised by hand when the logic changes) when builds do not produce
     * identical class files, so a recompile is not reported as an edited revision.
     */
    default @Nullable String checksum() {
        return null;
    }
}
