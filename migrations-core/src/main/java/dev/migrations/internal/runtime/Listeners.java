package dev.migrations.internal.runtime;

import dev.migrations.AppliedStep;
import dev.migrations.MigrationListener;
import dev.migrations.MigrationResult;
import dev.migrations.MigrationsException;
import dev.migrations.RunKind;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener, so that a failing listener never breaks a run. */
final class Listeners implements MigrationListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<MigrationListener> listeners;

    Listeners(List<MigrationListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(Consumer<MigrationListener> call) {
        for (MigrationListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("Migration listener {} failed: {}", listener, e.toString());
            }
        }
    }

    @Override
    public void lockAcquired(String versionTable, Duration waited) {
        each(l -> l.lockAcquired(versionTable, waited));
    }

    @Override
    public void stepApplied(AppliedStep step) {
        each(l -> l.stepApplied(step));
    }

    @Override
    public void runFinished(MigrationResult result) {
        each(l -> l.runFinished(result));
    }

    @Override
    public void runFailed(RunKind kind, String target, MigrationsException error, Duration duration) {
        each(l -> l.runFailed(kind, target, error, duration));
    }
}
