package dev.migrations.boot.actuate;

import dev.migrations.ChecksumMismatch;
import dev.migrations.boot.MigrationsRunState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code migrations} health of one engine, from the state the background refresher keeps (it
 * never queries the database): UP when the database is at the target; the configured down status
 * ({@code migrations.health.down-status}, DOWN by default) when revisions are pending, the last run
 * failed, an applied script changed, the version table names revisions the scripts do not have, or
 * the state could not be read. The details say which.
 */
public class MigrationsHealthIndicator implements HealthIndicator {
    private final MigrationsRunState state;
    private final Status downStatus;

    /**
     * Creates the indicator.
     *
     * @param state the engine's state
     * @param downStatus the status to report when something is wrong (DOWN or OUT_OF_SERVICE)
     */
    public MigrationsHealthIndicator(MigrationsRunState state, Status downStatus) {
        this.state = Objects.requireNonNull(state, "state");
        this.downStatus = Objects.requireNonNull(downStatus, "downStatus");
    }

    @Override
    public Health health() {
        MigrationsRunState.DatabaseStatus status = state.status();
        MigrationsRunState.RefreshError error = state.refreshError();
        MigrationsRunState.LastRun lastRun = state.lastRun();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dataSource", state.name());
        details.put("target", state.target());
        if (status == null && error == null) {
            return Health.unknown()
                    .withDetails(details)
                    .withDetail("reason", "the database's state has not been read yet")
                    .build();
        }
        List<String> problems = new ArrayList<>();
        if (error != null) {
            problems.add("could not read the database's state at " + error.at() + ": " + error.message());
        }
        if (status != null) {
            details.put("current", status.current());
            details.put("heads", status.heads());
            if (status.pendingKnown()) {
                details.put("pending", status.pending());
            }
            details.put("checkedAt", status.checkedAt());
            if (!status.unknownRevisions().isEmpty()) {
                problems.add("the version table names " + String.join(", ", status.unknownRevisions())
                        + ", which the scripts do not have (a newer deployment's revisions)");
            } else if (!status.upToDate()) {
                problems.add(status.pending().size() + " revision(s) pending for target " + status.target() + ": "
                        + String.join(", ", status.pending()));
            }
            for (ChecksumMismatch mismatch : status.checksumMismatches()) {
                problems.add(
                        "revision " + mismatch.revision() + " (" + mismatch.path() + ") changed after it was applied");
            }
        }
        if (lastRun != null) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("finishedAt", lastRun.finishedAt());
            run.put("outcome", lastRun.outcome().tag());
            run.put("command", lastRun.command() + " " + lastRun.target());
            run.put("applied", lastRun.applied());
            details.put("lastRun", run);
            if (lastRun.outcome() == MigrationsRunState.Outcome.FAILURE) {
                problems.add(
                        "the last " + lastRun.command() + " to " + lastRun.target() + " failed: " + lastRun.error());
            }
        }
        if (problems.isEmpty()) {
            return Health.up().withDetails(details).build();
        }
        details.put("problems", problems);
        return Health.status(downStatus).withDetails(details).build();
    }
}
