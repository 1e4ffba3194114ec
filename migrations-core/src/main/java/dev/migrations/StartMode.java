package dev.migrations;

/** What a start does with a database that is not at its target. */
public enum StartMode {
    /** Upgrade it (or, with {@link StartOptions#allowDowngrade}, downgrade it) under the migration lock. */
    UPGRADE,
    /** Never migrate: refuse to start unless the database is at the target. */
    VALIDATE,
    /** Never migrate: wait, bounded, for another instance to bring the database to the target. */
    WAIT,
    /** Never migrate and never refuse: report where the database stands. */
    NONE
}
