package dev.migrations.boot;

import dev.migrations.ScriptCatalog;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The revision scripts listed on a background thread while one application starts, handed from Spring
 * Boot's bootstrap context to that application's context (a singleton registered when the bootstrap
 * context closes) and from there, once, to the engine's bean. A listing that finishes after the engine
 * came for it is dropped: that engine has listed the scripts itself.
 */
final class EarlyScriptListing {
    /** The singleton's name in the application context. */
    static final String BEAN_NAME = "migrationsEarlyScriptListing";

    private static final Object PENDING = new Object();
    private static final Object TAKEN = new Object();

    private final AtomicReference<Object> state = new AtomicReference<>(PENDING);

    /** Keeps the listing unless the engine already came for it. */
    void complete(ScriptCatalog listing) {
        state.compareAndSet(PENDING, listing);
    }

    /** The listing, once: null when it is not done yet, failed, or was taken already. */
    @Nullable
    ScriptCatalog take() {
        return state.getAndSet(TAKEN) instanceof ScriptCatalog listing ? listing : null;
    }
}
