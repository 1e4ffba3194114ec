package dev.migrations.spi;

/**
 * Creates model sources for a scheme of the {@code --model} option, e.g. {@code jpa:com.acme.domain}.
 * Implementations are found with {@link java.util.ServiceLoader}, so an optional module (such as
 * migrations-jpa) adds a scheme by being on the class path.
 */
public interface ModelSourceProvider {
    /** The scheme this provider handles, without the colon, e.g. {@code jpa}. */
    String scheme();

    /**
     * Creates a model source.
     *
     * @param argument what follows {@code scheme:} in the option
     * @param classLoader where the user's classes (entities, resources) are found
     */
    ModelSource create(String argument, ClassLoader classLoader);
}
