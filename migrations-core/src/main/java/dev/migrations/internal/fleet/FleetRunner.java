package dev.migrations.internal.fleet;

import dev.migrations.Migrations;
import dev.migrations.MigrationsException;
import dev.migrations.StartRefusedException;
import dev.migrations.fleet.FleetListener;
import dev.migrations.fleet.FleetOptions;
import dev.migrations.fleet.FleetResult;
import dev.migrations.fleet.TenantOutcome;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one verb over the tenants with at most {@code parallelism} at once. Workers take the next
 * tenant from a shared counter, so memory holds one outcome per tenant and nothing per queued task;
 * a tenant's failure is its outcome, never the run's.
 */
public final class FleetRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FleetRunner.class);

    private final FleetOptions options;

    /** A runner with these options (parallelism, failure policy, listener). */
    public FleetRunner(FleetOptions options) {
        this.options = options;
    }

    /** Runs {@code work} on each tenant's engine and sums up; returns when every tenant has ended. */
    public FleetResult run(List<String> tenants, TenantEngines engines, TenantEngines.Access access, TenantWork work) {
        long began = System.nanoTime();
        TenantOutcome[] outcomes = new TenantOutcome[tenants.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        Progress progress = new Progress(tenants.size(), began);
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < outcomes.length; i = next.getAndIncrement()) {
                String tenant = tenants.get(i);
                TenantOutcome outcome = stopped.get()
                        ? new TenantOutcome(
                                tenant, TenantOutcome.State.SKIPPED, List.of(), List.of(), 0, null, Duration.ZERO)
                        : runOne(tenant, engines, access, work);
                if (outcome.state() == TenantOutcome.State.FAILED
                        && options.onFailure() == FleetOptions.OnFailure.STOP) {
                    stopped.set(true);
                }
                outcomes[i] = outcome;
                progress.finished(outcome);
            }
        };
        int threads = Math.min(engines.parallelism(options.parallelism()), Math.max(1, tenants.size()));
        Thread[] workers = new Thread[threads - 1];
        for (int t = 0; t < workers.length; t++) {
            workers[t] = new Thread(worker, "migrations-fleet-" + (t + 1));
            workers[t].setDaemon(true);
            workers[t].start();
        }
        // The caller is a worker too: with parallelism 1 the run stays on its thread.
        worker.run();
        for (Thread thread : workers) {
            joinUninterruptibly(thread, stopped);
        }
        return new FleetResult(Arrays.asList(outcomes), Duration.ofNanos(System.nanoTime() - began));
    }

    private static TenantOutcome runOne(
            String tenant, TenantEngines engines, TenantEngines.Access access, TenantWork work) {
        long began = System.nanoTime();
        try {
            Migrations engine = engines.of(tenant, access);
            TenantWork.Ended ended = work.run(engine);
            return new TenantOutcome(
                    tenant,
                    ended.state(),
                    ended.current(),
                    ended.pending(),
                    ended.scriptsRun(),
                    null,
                    Duration.ofNanos(System.nanoTime() - began));
        } catch (RuntimeException e) {
            String message = describe(e);
            // The outcome is the report (the starter logs the failed tenants, the CLI prints them).
            LOG.debug("Tenant {} failed: {}", tenant, message, e);
            return new TenantOutcome(
                    tenant,
                    TenantOutcome.State.FAILED,
                    List.of(),
                    List.of(),
                    0,
                    message,
                    Duration.ofNanos(System.nanoTime() - began));
        }
    }

    /** The engine's own messages as they are (they name revision, file:line, SQLState); others with their type. */
    private static String describe(RuntimeException e) {
        if (e instanceof StartRefusedException refused) {
            return refused.getMessage() + " " + refused.action();
        }
        return e instanceof MigrationsException && e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * Waits for a worker; an interrupt stops the run (tenants not begun are skipped) but still waits for
     * the running ones, so no tenant is left half-done behind the caller's back.
     */
    private static void joinUninterruptibly(Thread thread, AtomicBoolean stopped) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
                stopped.set(true);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts finished tenants and tells the listener, one call at a time. */
    private final class Progress {
        private final int total;
        private final long began;
        private int done;
        private int failed;

        Progress(int total, long began) {
            this.total = total;
            this.began = began;
        }

        synchronized void finished(TenantOutcome outcome) {
            done++;
            if (outcome.state() == TenantOutcome.State.FAILED) {
                failed++;
            }
            FleetListener.Progress now =
                    new FleetListener.Progress(total, done, failed, Duration.ofNanos(System.nanoTime() - began));
            try {
                options.listener().tenantFinished(outcome, now);
            } catch (RuntimeException e) {
                LOG.warn("A fleet listener failed on tenant {}: {}", outcome.tenant(), e.toString());
            }
        }
    }
}
