package dev.migrations.internal.fleet;

import dev.migrations.MigrationResult;
import dev.migrations.Migrations;
import dev.migrations.fleet.TenantOutcome;
import java.util.List;

/** One verb on one tenant's engine. */
@FunctionalInterface
public interface TenantWork {

    /** Runs the verb; an exception fails the tenant with its message. */
    Ended run(Migrations tenant);

    /** How the verb ended for a tenant that did not fail. */
    record Ended(TenantOutcome.State state, List<String> current, List<String> pending, int scriptsRun) {

        /** A run's end: migrated when it took a step, else at the target already. */
        public static Ended of(MigrationResult run) {
            return new Ended(
                    run.steps().isEmpty() ? TenantOutcome.State.AT_TARGET : TenantOutcome.State.MIGRATED,
                    run.after(),
                    List.of(),
                    run.scriptsRun());
        }
    }
}
