package dev.migrations;

import java.util.Locale;

/** How much a lint finding matters; {@link #OFF} turns a rule off. Ordered from least to most. */
public enum Severity {
    /** The rule does not run. */
    OFF,
    /** Worth a look; never fails a build by default. */
    INFO,
    /** Risky on a busy table or for running code; review it. */
    WARNING,
    /** Blocks traffic, rewrites a table or fails on a table with rows. */
    ERROR;

    /** Whether this severity is at or above {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }

    /** The lower-case name used on the command line and in JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code off}, {@code info}, {@code warning} or {@code error} (any case).
     *
     * @throws MigrationsException naming the allowed values
     */
    public static Severity parse(String value) {
        if (value != null) {
            for (Severity severity : values()) {
                if (severity.label().equalsIgnoreCase(value.strip())) {
                    return severity;
                }
            }
        }
        throw new MigrationsException("Unknown severity '" + value + "'; use off, info, warning or error");
    }
}
