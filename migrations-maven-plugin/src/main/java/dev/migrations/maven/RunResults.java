package dev.migrations.maven;

import dev.migrations.MigrationResult;
import dev.migrations.MigrationsException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/** What the goals that change the database share: their targets and the line they log. */
final class RunResults {
    private RunResults() {}

    /** A range is for offline SQL only; refused before a database is asked for, as the command line does. */
    static String singleTarget(String target) {
        if (target.contains(":")) {
            throw new MigrationsException("Range revision not allowed");
        }
        return target.strip();
    }

    /** Comma-separated revisions, blanks left out. */
    static List<String> split(String revisions) {
        List<String> result = new ArrayList<>();
        for (String revision : revisions.split(",")) {
            if (!revision.isBlank()) {
                result.add(revision.strip());
            }
        }
        if (result.isEmpty()) {
            throw new MigrationsException("No revision given; set target (-Dmigrations.target)");
        }
        return result;
    }

    static void log(Log log, String verb, MigrationResult result) {
        log.info(verb + ": " + result.scriptsRun() + " script(s) run in "
                + result.duration().toMillis() + " ms; the database is at " + revisions(result.after()));
    }

    /** Revisions as one text, {@code base} for none. */
    static String revisions(List<String> revisions) {
        return revisions.isEmpty() ? "base" : String.join(", ", revisions);
    }
}
