package dev.migrations;

import java.util.List;

/**
 * The revision scripts of some locations, listed but not yet read: what {@link
 * Migrations#listScripts} makes, e.g. on a background thread while an application starts, and
 * {@link Migrations#load(MigrationsConfig, ScriptCatalog)} takes. Files added, removed or changed
 * after the listing are not seen by an engine loaded with it. Only the engine implements it.
 */
public interface ScriptCatalog {
    /**
     * Whether this is a listing of these locations, in this order, with {@code classpath:} ones
     * resolved by this class loader: what {@link Migrations#listScripts} would list now, unless a file
     * changed since.
     */
    boolean isFor(List<String> locations, ClassLoader classLoader);

    /** How many scripts were listed. */
    int size();
}
